/**
 * Raw article text as received (copied from a page or a wire) → title, date and a clean Markdown
 * body: each paragraph once, headline and date line taken out, headings and captions marked.
 */
import { fingerprintWords } from '../core/near-duplicates.ts';
import { normalizeText } from '../core/text.ts';

export interface CleanedText {
  /** The headline, when the text shows one. */
  title?: string;
  /** ISO date (YYYY-MM-DD) from a date line, when there is one. */
  published?: string;
  /** Markdown: paragraphs separated by blank lines, `## ` headings, `_caption_` lines. */
  body: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?';
const DATE_LINE_PATTERNS: [RegExp, (m: RegExpExecArray) => [string, string, string] | null][] = [
  // "Monday, March 3, 2025" / "March 3, 2025"
  [new RegExp(`^(?:[a-z]+day,?\\s+)?${MONTH_RE}\\s+(\\d{1,2}),?\\s+(\\d{4})$`, 'i'), (m) => [m[3]!, m[1]!, m[2]!]],
  // "Monday 3 March 2025" / "3 March 2025"
  [new RegExp(`^(?:[a-z]+day,?\\s+)?(\\d{1,2})\\s+${MONTH_RE},?\\s+(\\d{4})$`, 'i'), (m) => [m[3]!, m[2]!, m[1]!]],
  // "2025-03-03"
  [/^(\d{4})-(\d{2})-(\d{2})$/, (m) => [m[1]!, m[2]!, m[3]!]],
];

/** An ISO date when the whole line is a date ("Monday, March 3, 2025"), else undefined. */
export function parseDateLine(line: string): string | undefined {
  const text = line.trim().replace(/^(published|updated|posted)(\s+on)?:?\s+/i, '');
  for (const [re, pick] of DATE_LINE_PATTERNS) {
    const m = re.exec(text);
    const parts = m && pick(m);
    if (!parts) continue;
    const [year, monthText, day] = parts;
    const month = /^\d+$/.test(monthText)
      ? Number(monthText)
      : MONTHS.findIndex((name) => name.startsWith(monthText.toLowerCase().replace('.', '').slice(0, 3))) + 1;
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(Number(day)).padStart(2, '0')}`;
    if (month >= 1 && !Number.isNaN(Date.parse(iso))) return iso;
  }
  return undefined;
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'over',
  'the',
  'to',
  'vs',
  'with',
  'amid',
  'after',
  'before',
]);

/** No sentence-ending punctuation: a headline, heading or caption rather than a paragraph. */
function isUnpunctuated(line: string): boolean {
  return !/[.!?:;"')\]]$/.test(line) && line.length <= 200;
}

/** Title Case: (almost) every word that is not a small word starts with a capital or a digit. */
export function isTitleCase(line: string): boolean {
  const words = line.split(/\s+/).filter((w) => /\p{L}/u.test(w) && !SMALL_WORDS.has(w.toLowerCase()));
  if (words.length < 2) return false;
  const capitalised = words.filter((w) => /^[\p{Lu}\p{N}"'(]/u.test(w)).length;
  return capitalised / words.length >= 0.9;
}

/** Lines → paragraphs, joining hard-wrapped lines that continue a sentence. */
function toParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let previousBlank = true;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = normalizeText(raw);
    if (!line) {
      previousBlank = true;
      continue;
    }
    const last = paragraphs[paragraphs.length - 1];
    const continues =
      !previousBlank && last !== undefined && !/[.!?:"')\]]$/.test(last) && (/^[\p{Ll}\p{N}(]/u.test(line) || /[,\-–—]$/.test(last));
    if (continues) paragraphs[paragraphs.length - 1] = `${last} ${line}`;
    else paragraphs.push(line);
    previousBlank = false;
  }
  return paragraphs;
}

/** Cleans raw article text. Deterministic: the same input always gives the same file. */
export function cleanRawText(text: string): CleanedText {
  let paragraphs = toParagraphs(text);

  let published: string | undefined;
  paragraphs = paragraphs.filter((p) => {
    const date = parseDateLine(p);
    if (date && !published) published = date;
    return !date;
  });

  // The headline is the Title Case line repeated most often (pages repeat it), else the first one.
  const counts = new Map<string, number>();
  for (const p of paragraphs)
    if (isUnpunctuated(p) && isTitleCase(p) && p.split(/\s+/).length >= 3) counts.set(p, (counts.get(p) ?? 0) + 1);
  const title = [...counts.entries()].reduce<[string, number] | undefined>(
    (best, e) => (!best || e[1] > best[1] ? e : best),
    undefined,
  )?.[0];

  const seen = new Set<string>();
  const blocks: string[] = [];
  for (const p of paragraphs) {
    if (p === title) continue;
    const key = fingerprintWords(p).join(' ');
    if (!key || seen.has(key)) continue;
    seen.add(key);
    if (isUnpunctuated(p)) blocks.push(isTitleCase(p) ? `## ${p}` : `_${p}_`);
    else blocks.push(p);
  }
  // A heading with nothing after it introduces nothing.
  while (blocks.length && blocks[blocks.length - 1]!.startsWith('## ')) blocks.pop();

  return { ...(title ? { title } : {}), ...(published ? { published } : {}), body: blocks.join('\n\n') };
}
