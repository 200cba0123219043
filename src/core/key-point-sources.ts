/**
 * Who else states a key point's answer. A story's answer is often carried by several outlets in
 * different words ("Schumer criticized the move", "Schumer condemned the move"); the briefing names
 * them, and when the answer came from an article with no outlet it cites the earliest named outlet
 * that says the same instead. "The same" is general: the candidate sentence names someone the
 * answer names (a capitalised word the question does not use), holds most of the question's words
 * (synonyms count), and takes the same stance. Pure.
 */
import type { Citation } from './briefing-types.ts';
import type { Engine } from './engine.ts';
import { stanceOf } from './stance.ts';
import { splitSentences, surfaceWords } from './text.ts';
import { citeArticle } from './timeline-events.ts';
import type { Answer, Article } from './types.ts';

export interface SameAnswer {
  text: string;
  passageId: string;
  article: Article;
  matchedWords: string[];
}

const SAME_BY_NAMES: ReadonlySet<Answer['kind']> = new Set(['who', 'what']);

/** Capitalised words past the first of a sentence, lower-cased: the names it mentions. */
function namesIn(sentence: string, exclude: ReadonlySet<string>): Set<string> {
  const words = surfaceWords(sentence);
  return new Set(
    words
      .slice(1)
      .filter((w) => /^\p{Lu}/u.test(w) && w.length > 1)
      .map((w) => w.toLowerCase())
      .filter((w) => !exclude.has(w)),
  );
}

/** Sentences of the answer's other results (other articles) that state the same answer, earliest first. */
export function sameAnswerElsewhere(
  engine: Pick<Engine, 'analyzer' | 'passage'>,
  question: string,
  answer: Answer,
  wider: Answer,
): SameAnswer[] {
  // Names tell the same answer apart for "who" and "what"; a reason, a time or a duration they do not.
  if (!answer.sentence || !SAME_BY_NAMES.has(answer.kind)) return [];
  const { analyzer } = engine;
  const own = engine.passage(answer.sentence.passageId);
  const questionWords = new Set(surfaceWords(question).map((w) => w.toLowerCase()));
  const names = namesIn(answer.sentence.text, questionWords);
  if (!names.size) return [];
  const groups = [...new Set(analyzer.terms(question))].map((s) => new Set([s, ...analyzer.synonymsOf(s)]));
  const events = new Set(groups.flatMap((g) => [...g]));
  const stance = (text: string) => stanceOf(text, analyzer.wordStems, events);
  const mine = stance(answer.sentence.text);
  const need = Math.ceil(groups.length / 2);
  const seen = new Set([own?.articleId, ...(own?.alsoIn ?? [])]);
  const found: SameAnswer[] = [];
  for (const r of wider.results) {
    if (seen.has(r.article.id)) continue;
    for (const text of splitSentences(r.passage.text)) {
      const stems = new Set(analyzer.terms(text));
      const held = groups.filter((g) => [...g].some((s) => stems.has(s))).length;
      const theirNames = namesIn(text, questionWords);
      if (held < need || ![...names].some((n) => theirNames.has(n)) || stance(text) !== mine) continue;
      found.push({
        text,
        passageId: r.passage.id,
        article: r.article,
        matchedWords: surfaceWords(text).filter((w) => analyzer.wordStems(w).some((s) => events.has(s))),
      });
      seen.add(r.article.id);
      break;
    }
  }
  const day = (a: Article) => a.published?.slice(0, 10) ?? '9999';
  return found.sort((a, b) => day(a.article).localeCompare(day(b.article)));
}

export function citeSame(s: SameAnswer): Citation {
  return citeArticle(s.article, s.passageId);
}
