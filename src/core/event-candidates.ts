/**
 * The candidates of a story's events: each on-story article's report (its headline, on its
 * publication day, compared by headline and lead) and each dated sentence. Pure.
 */
import { findDates, publishedDay } from './briefing-dates.ts';
import { articleToPassages } from './passages.ts';
import type { StoryEvent, TimelineEngine } from './story-events.ts';
import type { StoryWords } from './story-words.ts';
import { splitSentences, surfaceWords } from './text.ts';
import type { Article } from './types.ts';

export const DAY_MS = 86_400_000;
export const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/** Outlet names as sentences write them: "The Record", and "Bloomberg" out of "Business Standard (Bloomberg)". */
function outletNames(article: Article): string[] {
  if (!article.source) return [];
  return article.source
    .split(/[()]/)
    .map((s) => s.replace(/^via\s+/i, '').trim())
    .filter((s) => s.length >= 3);
}

/** Folded stems of the capitalised words past a sentence's first: the people and places it names. */
export function namesOf(text: string, words: StoryWords): Set<string> {
  return new Set(
    surfaceWords(text)
      .slice(1)
      .filter((w) => /^\p{Lu}/u.test(w) && w.length > 1)
      .flatMap((w) => words.wordStems(w)),
  );
}

export function mentionsOutlet(sentence: string, article: Article): boolean {
  return outletNames(article).some((name) =>
    new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(sentence),
  );
}

export function eventCandidates(engine: TimelineEngine, onStory: ReadonlySet<string>, words: StoryWords): StoryEvent[] {
  const out: StoryEvent[] = [];
  // The date words are left out of the words compared: candidates of one day share them anyway.
  const base = (e: Omit<StoryEvent, 'members' | 'stems' | 'matchSets' | 'names'>, lead?: string, dateWords?: string): StoryEvent => {
    const text = dateWords ? e.text.split(dateWords).join(' ') : e.text;
    const stems = words.stemsOf(text);
    const event: StoryEvent = {
      ...e,
      stems,
      matchSets: lead ? [stems, words.stemsOf(lead)] : [stems],
      names: namesOf(text, words),
      members: [],
    };
    event.members.push(event);
    return event;
  };
  for (const article of engine.articles) {
    if (!onStory.has(article.id)) continue;
    const lead = splitSentences(articleToPassages(article)[0]?.text ?? '')[0] ?? '';
    const day = publishedDay(article.published);
    out.push(
      base(
        { kind: 'report', ...(day ? { date: day, dateFrom: 'published' as const } : {}), text: article.title, article, copies: [] },
        lead,
      ),
    );
  }
  for (const passage of engine.passages) {
    const article = engine.article(passage.articleId);
    if (!article || !onStory.has(article.id)) continue;
    const copies = passage.alsoIn.flatMap((id) => (onStory.has(id) ? (engine.article(id) ?? []) : []));
    for (const sentence of splitSentences(passage.text)) {
      for (const found of findDates(sentence, article.published)) {
        out.push(
          base(
            {
              kind: 'sentence',
              date: found.date,
              dateFrom: found.from,
              dateWords: found.words,
              text: sentence,
              article,
              passageId: passage.id,
              copies,
            },
            undefined,
            found.words,
          ),
        );
      }
    }
  }
  return out;
}

/** Whether `c` may join `event`: dates compatible (same day; a later report within the lag; undated). */
export function datesFit(c: StoryEvent, event: StoryEvent, lagDays: number): boolean {
  if (!c.date || !event.date) return c.kind === 'report' && !c.date;
  if (c.kind === 'sentence') return c.date === event.date;
  const lag = daysBetween(event.date, c.date);
  return lag >= 0 && lag <= lagDays;
}
