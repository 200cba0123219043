/** Answers as terminal text and as the `--json` object. Pure: data in, string or object out. */
import { truncateText } from '../core/text.ts';
import type { Answer, Article, RankedPassage, Stance } from '../core/types.ts';
import { answerLead, citationLine, disputeSides, outletList, type DisputeSide } from '../render/format.ts';
import { MESSAGES } from '../render/messages.ts';

interface CitationJson {
  title: string;
  source: string | null;
  published: string | null;
  url: string | null;
}
interface PassageJson extends CitationJson {
  id: string;
  articleId: string;
  text: string;
  score: number;
  alsoReportedBy: CitationJson[];
  stance?: Stance;
}

export interface AnswerJson {
  question: string;
  confident: boolean;
  answer: { text: string; passageId: string; stance?: Stance } | null;
  results: PassageJson[];
  /** Passages from other outlets that contradict the answer's passage (empty when sources agree). */
  disputed: PassageJson[];
}

const citationJson = (a: Article): CitationJson => ({
  title: a.title,
  source: a.source ?? null,
  published: a.published ?? null,
  url: a.url ?? null,
});

function passageJson({ passage, article, score, alsoReportedBy, stance }: RankedPassage): PassageJson {
  return {
    id: passage.id,
    articleId: article.id,
    ...citationJson(article),
    text: passage.text,
    score: Math.round(score * 1e4) / 1e4,
    alsoReportedBy: (alsoReportedBy ?? []).map(citationJson),
    ...(stance ? { stance } : {}),
  };
}

export function answerToJson(answer: Answer): AnswerJson {
  return {
    question: answer.question,
    confident: answer.confident,
    answer: answer.sentence
      ? {
          text: answer.sentence.text,
          passageId: answer.sentence.passageId,
          ...(answer.results[0]?.stance ? { stance: answer.results[0].stance } : {}),
        }
      : null,
    results: answer.results.map(passageJson),
    disputed: answer.disputed.map(passageJson),
  };
}

const bold = (s: string, on: boolean) => (on ? `\x1b[1m${s}\x1b[22m` : s);

/** Highlights whole matched words in `text` (ANSI bold when `color`, else `**word**`-free plain text). */
function highlight(text: string, words: readonly string[], color: boolean): string {
  if (!color || words.length === 0) return text;
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}])(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  return text.replace(re, (m) => bold(m, true));
}

export function answerToTerminal(answer: Answer, options: { color?: boolean; offset?: number } = {}): string {
  const color = options.color ?? false;
  const lead = answerLead(answer);
  if (answer.problem) return lead.text;
  if (answer.results.length === 0) {
    return answer.unknownTerms.length ? `${lead.text}\nNot in the corpus: ${answer.unknownTerms.join(', ')}.` : lead.text;
  }
  const lines: string[] = [];
  if (lead.isAnswer && answer.sentence) lines.push(highlight(lead.text, answer.sentence.matchedWords, color), '', ...disputeLines(answer));
  else lines.push(lead.text, '');
  const corrections = Object.entries(answer.corrections);
  if (corrections.length) lines.push(`(Searched ${corrections.map(([from, to]) => `"${from}" as "${to}…"`).join(', ')})`, '');
  for (const [i, { passage, article, matchedWords, alsoReportedBy }] of answer.results.entries()) {
    lines.push(`${(options.offset ?? 0) + i + 1}. ${bold(article.title, color)}`);
    lines.push(`   ${citationLine(article)}${article.url ? ` · ${article.url}` : ''}`);
    if (alsoReportedBy?.length) lines.push(`   ${MESSAGES.alsoReportedBy} ${outletList(alsoReportedBy)}`);
    lines.push(`   ${highlight(passage.text, matchedWords, color)}`, '');
  }
  return lines.join('\n').trimEnd();
}

/** "Sources disagree:" then each side, labelled, with outlet and date, the later one marked. */
function disputeLines(answer: Answer): string[] {
  const sides = disputeSides(answer);
  if (sides.length === 0) return [];
  const line = ({ label, hit, later }: DisputeSide) =>
    `- ${label} (${citationLine(hit.article)}${later ? `, ${MESSAGES.later}` : ''}): ${truncateText(hit.passage.text, 240)}`;
  return [MESSAGES.disputedHeading, ...sides.map(line), ''];
}
