/** Answers as terminal text and as the `--json` object. Pure: data in, string or object out. */
import type { Answer } from '../core/types.ts';
import { citationLine } from '../format.ts';
import { describeProblem, MESSAGES } from '../messages.ts';

export interface AnswerJson {
  question: string;
  confident: boolean;
  answer: { text: string; passageId: string } | null;
  results: { id: string; articleId: string; title: string; source: string | null; published: string | null; url: string | null; text: string; score: number }[];
}

export function answerToJson(answer: Answer): AnswerJson {
  return {
    question: answer.question,
    confident: answer.confident,
    answer: answer.sentence ? { text: answer.sentence.text, passageId: answer.sentence.passageId } : null,
    results: answer.results.map(({ passage, article, score }) => ({
      id: passage.id,
      articleId: article.id,
      title: article.title,
      source: article.source ?? null,
      published: article.published ?? null,
      url: article.url ?? null,
      text: passage.text,
      score: Math.round(score * 1e4) / 1e4,
    })),
  };
}

const bold = (s: string, on: boolean) => (on ? `\x1b[1m${s}\x1b[22m` : s);

/** Highlights whole matched words in `text` (ANSI bold when `color`, else `**word**`-free plain text). */
function highlight(text: string, words: readonly string[], color: boolean): string {
  if (!color || words.length === 0) return text;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(re, (m) => bold(m, true));
}

export function answerToTerminal(answer: Answer, options: { color?: boolean; offset?: number } = {}): string {
  const color = options.color ?? false;
  const lines: string[] = [];
  if (answer.problem) return describeProblem(answer.problem);
  if (answer.results.length === 0) {
    lines.push(MESSAGES.noMatches);
    if (answer.unknownTerms.length) lines.push(`Not in the corpus: ${answer.unknownTerms.join(', ')}.`);
    return lines.join('\n');
  }
  if (answer.confident && answer.sentence) {
    lines.push(highlight(answer.sentence.text, answer.sentence.matchedWords, color), '');
  } else {
    lines.push(MESSAGES.notConfident, '');
  }
  const corrections = Object.entries(answer.corrections);
  if (corrections.length) lines.push(`(Searched ${corrections.map(([from, to]) => `"${from}" as "${to}…"`).join(', ')})`, '');
  for (const [i, { passage, article, matchedWords }] of answer.results.entries()) {
    lines.push(`${(options.offset ?? 0) + i + 1}. ${bold(article.title, color)}`);
    lines.push(`   ${citationLine(article)}${article.url ? ` · ${article.url}` : ''}`);
    if (passage.alsoIn.length) lines.push(`   Also reported by: ${passage.alsoIn.join(', ')}`);
    lines.push(`   ${highlight(passage.text, matchedWords, color)}`, '');
  }
  return lines.join('\n').trimEnd();
}
