/**
 * The BBC News corpus (../shared/data/news/bbc-news.jsonl) as Brief articles, scaled by copies,
 * and a fixed set of questions derived from headlines. Read in place: the data is licensed for
 * research use only and never copied into the repository.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_STOP_WORDS } from '../src/core/analyzer.ts';
import type { Article } from '../src/core/types.ts';

export const BBC_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data', 'news', 'bbc-news.jsonl');

interface BbcRecord {
  id: string;
  category: string;
  title: string;
  text: string;
}

export async function readBbc(file = BBC_FILE): Promise<BbcRecord[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as BbcRecord);
}

/** 32-bit FNV-1a, for deterministic choices that need no seed file. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Share of word types renamed in each extra copy: enough that no copy is a near-duplicate of another. */
const RENAMED_SHARE = 0.5;
const COPY_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Copy `copy` (0 = the original) of a text. Plain copies would be collapsed as duplicates, so
 * copies ≥ 1 rename about half of the content-word types (consistently within the copy, e.g.
 * "profit" → "profitqc"): posting lists of the other words grow with the copies, as in a larger
 * corpus, while the vocabulary grows too. Stop words and short words are kept.
 */
export function copyText(text: string, copy: number): string {
  if (copy === 0) return text;
  const suffix = `q${COPY_LETTERS[copy % 26]}${copy >= 26 ? COPY_LETTERS[Math.floor(copy / 26) % 26] : ''}`;
  return text.replace(/\p{L}{4,}/gu, (word) => {
    const lower = word.toLowerCase();
    if (DEFAULT_STOP_WORDS.has(lower)) return word;
    return hash(lower, copy) % 1000 < RENAMED_SHARE * 1000 ? `${word}${suffix}` : word;
  });
}

/** The BBC records as articles (`business/001` → `business-001`), one copy. */
export function bbcArticles(records: readonly BbcRecord[]): Article[] {
  return records.map((r) => ({ id: r.id.replace('/', '-'), title: r.title, source: 'BBC News', body: r.text }));
}

/** `copies` copies of a corpus with ids `c<copy>-<id>`; see {@link copyText} for why copies differ. */
export function scaleArticles(articles: readonly Article[], copies: number): Article[] {
  const scaled: Article[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const a of articles) scaled.push({ ...a, id: `c${copy}-${a.id}`, title: copyText(a.title, copy), body: copyText(a.body, copy) });
  }
  return scaled;
}

/** Passages per BBC article as Brief splits them (12,732 from 2,225 articles), to pick a corpus of about N passages. */
const PASSAGES_PER_ARTICLE = 12_732 / 2_225;

/**
 * About `passages` passages of BBC articles: as many copies as needed, then articles taken evenly
 * over all of them (every category, every copy), not the first ones.
 */
export function articlesForPassages(records: readonly BbcRecord[], passages: number): Article[] {
  const one = bbcArticles(records);
  const wanted = Math.max(1, Math.round(passages / PASSAGES_PER_ARTICLE));
  const all = scaleArticles(one, Math.max(1, Math.ceil(wanted / one.length)));
  if (wanted >= all.length) return all;
  const step = all.length / wanted;
  return Array.from({ length: wanted }, (_, i) => all[Math.floor(i * step)]!);
}

/**
 * `count` questions from headlines of articles spread evenly over all copies: each headline is
 * asked as it is, or as a "what/why/who" question, in turn, so Brief's question kinds all run.
 * `shift` (0 ≤ shift < 1) moves every pick along by that share of a step: a warm-up set with shift
 * 0.5 asks about other articles than the timed set with shift 0, so timed questions are fresh.
 */
export function headlineQuestions(articles: readonly Article[], count = 500, shift = 0): string[] {
  const forms = [
    (h: string) => h,
    (h: string) => `what happened: ${h}?`,
    (h: string) => `why ${h.toLowerCase()}?`,
    (h: string) => `who said ${h.toLowerCase()}?`,
  ];
  const questions: string[] = [];
  const step = articles.length / count;
  for (let i = 0; i < count && articles.length > 0; i++) {
    const article = articles[Math.floor((i + shift) * step) % articles.length]!;
    questions.push(forms[(i + (shift ? 1 : 0)) % forms.length]!(article.title));
  }
  return questions;
}
