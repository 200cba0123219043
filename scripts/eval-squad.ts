/**
 * SQuAD v1.1 dev as a retrieval benchmark: one article per SQuAD title, every paragraph one passage,
 * every question asked; the right answer is the paragraph the question was written about.
 * Brief is compared on the same data with MiniSearch (default options) and Lunr (default pipeline).
 *
 *   npm run eval:squad [-- --limit N] [--json] [--file PATH]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEngine, type EngineOptions } from '../src/core/engine.ts';
import { findNearDuplicates } from '../src/core/near-duplicates.ts';
import { articleToPassages, DEFAULT_PASSAGE_OPTIONS } from '../src/core/passages.ts';
import type { Article } from '../src/core/types.ts';
import { lunrDefaults, miniSearchDefaults } from './peer-search.ts';

export const DEFAULT_SQUAD_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'data',
  'squad-dev-v1.1.json',
);

interface RawSquad {
  data: { title: string; paragraphs: { context: string; qas: { id: string; question: string }[] }[] }[];
}

export interface SquadParagraph {
  key: string;
  articleIndex: number;
  text: string;
}
export interface SquadQuestion {
  id: string;
  question: string;
  articleIndex: number;
  gold: string;
}
export interface SquadSet {
  articles: Article[];
  paragraphs: SquadParagraph[];
  questions: SquadQuestion[];
}

/** "Fresno,_California" → "fresno-california": a file-name-safe article id. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Reads SQuAD JSON: articles (title with spaces, paragraphs joined by blank lines), paragraphs keyed `article:paragraph`, questions. */
export function loadSquad(file = DEFAULT_SQUAD_FILE): SquadSet {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSquad;
  const articles: Article[] = [];
  const paragraphs: SquadParagraph[] = [];
  const questions: SquadQuestion[] = [];
  for (const [a, entry] of raw.data.entries()) {
    // A few contexts hold line breaks; inside one paragraph they are only white space.
    const texts = entry.paragraphs.map((p) => p.context.replace(/\s+/g, ' ').trim());
    articles.push({ id: slugify(entry.title), title: entry.title.replace(/_/g, ' '), body: texts.join('\n\n') });
    for (const [p, para] of entry.paragraphs.entries()) {
      const key = `${a}:${p}`;
      paragraphs.push({ key, articleIndex: a, text: texts[p] ?? '' });
      for (const qa of para.qas) questions.push({ id: qa.id, question: qa.question, articleIndex: a, gold: key });
    }
  }
  return { articles, paragraphs, questions };
}

/** A retriever under test: built once over the paragraphs, then asked for ranked paragraph keys. */
export interface Retriever {
  name: string;
  /** Builds the index; returns a search function giving paragraph keys, best first. */
  build(set: SquadSet): (question: string, depth: number) => string[];
  /** Paragraph key → the key that stands for it after duplicate collapse (default: itself). */
  canonical?: (key: string) => string;
}

/** Brief over SQuAD: paragraphs never split; each passage id mapped back to its paragraph. */
export function briefRetriever(options: EngineOptions = {}, name = 'Brief'): Retriever {
  const keyOf = new Map<string, string>();
  const keeperOf = new Map<string, string>();
  const engineOptions: EngineOptions = { ...options, passages: { ...options.passages, maxChars: Infinity } };
  return {
    name,
    canonical: (key) => keeperOf.get(key) ?? key,
    build(set) {
      const byId = new Map(set.articles.map((a, i) => [a.id, i]));
      // Recreate the passages before collapse so positions are paragraph indexes, then learn which
      // paragraph (if any) a near-duplicate was folded into.
      const before = set.articles.flatMap((a) => articleToPassages(a, engineOptions.passages));
      const threshold = engineOptions.passages?.nearDuplicateThreshold ?? DEFAULT_PASSAGE_OPTIONS.nearDuplicateThreshold;
      const duplicateOf = findNearDuplicates(
        before.map((p) => p.text),
        threshold,
      );
      const paragraphKey = (i: number) => {
        const p = before[i]!;
        return `${byId.get(p.articleId)}:${p.position}`;
      };
      for (const [i, p] of before.entries()) {
        keyOf.set(p.id, paragraphKey(i));
        const original = duplicateOf[i];
        if (original !== undefined) keeperOf.set(paragraphKey(i), paragraphKey(original));
      }
      const engine = createEngine(set.articles, engineOptions);
      if (before.length !== set.paragraphs.length || engine.passages.length + keeperOf.size !== before.length) {
        throw new Error(
          `passages do not map to paragraphs: ${before.length} passages, ${set.paragraphs.length} paragraphs, ${keeperOf.size} collapsed`,
        );
      }
      return (question, depth) => engine.answer(question, { top: depth }).results.map((r) => keyOf.get(r.passage.id) ?? r.passage.id);
    },
  };
}

/** MiniSearch exactly as a newcomer would use it: `new MiniSearch({ fields: ['text'] })`, default search. */
export const miniSearchRetriever: Retriever = {
  name: 'MiniSearch defaults',
  build: (set) => miniSearchDefaults(set.paragraphs.map((p) => ({ id: p.key, text: p.text }))),
};

/** Lunr with its default pipeline (trimmer, stop words, stemmer), one field `text`. */
export const lunrRetriever: Retriever = {
  name: 'Lunr',
  build: (set) => lunrDefaults(set.paragraphs.map((p) => ({ id: p.key, text: p.text }))),
};

export interface RetrieverReport {
  engine: string;
  questions: number;
  hit1: number;
  hit5: number;
  /** Mean reciprocal rank of the gold paragraph within the top 10 (0 when absent). */
  mrr: number;
  /** hit@1 on questions from even-indexed SQuAD articles (the tuning half); null when there are none. */
  hit1Even: number | null;
  /** hit@1 on questions from odd-indexed SQuAD articles (held out); null when there are none. */
  hit1Odd: number | null;
  buildMs: number;
  queryMs: number;
}

const MRR_DEPTH = 10;

export function evaluateRetriever(
  set: SquadSet,
  retriever: Retriever,
  questions: readonly SquadQuestion[] = set.questions,
): RetrieverReport {
  const t0 = performance.now();
  const search = retriever.build(set);
  const t1 = performance.now();
  const canonical = retriever.canonical ?? ((k: string) => k);
  let hit1 = 0,
    hit5 = 0,
    rr = 0;
  const half = [
    { n: 0, hit: 0 },
    { n: 0, hit: 0 },
  ];
  for (const q of questions) {
    const gold = canonical(q.gold);
    const rank = search(q.question, MRR_DEPTH).map(canonical).indexOf(gold) + 1;
    if (rank === 1) hit1++;
    if (rank >= 1 && rank <= 5) hit5++;
    if (rank >= 1) rr += 1 / rank;
    const h = half[q.articleIndex % 2]!;
    h.n++;
    if (rank === 1) h.hit++;
  }
  const t2 = performance.now();
  const n = questions.length || 1;
  return {
    engine: retriever.name,
    questions: questions.length,
    hit1: hit1 / n,
    hit5: hit5 / n,
    mrr: rr / n,
    hit1Even: half[0]!.n ? half[0]!.hit / half[0]!.n : null,
    hit1Odd: half[1]!.n ? half[1]!.hit / half[1]!.n : null,
    buildMs: Math.round(t1 - t0),
    queryMs: Math.round(t2 - t1),
  };
}

export function formatTable(reports: readonly RetrieverReport[]): string {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const rows = [
    ['engine', 'hit@1', 'hit@5', 'MRR@10', 'hit@1 even', 'hit@1 odd', 'build ms', 'query ms'],
    ...reports.map((r) => [
      r.engine,
      pct(r.hit1),
      pct(r.hit5),
      r.mrr.toFixed(3),
      pct(r.hit1Even),
      pct(r.hit1Odd),
      String(r.buildMs),
      String(r.queryMs),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function main(argv: string[]): void {
  const limitAt = argv.indexOf('--limit');
  const fileAt = argv.indexOf('--file');
  const limit = limitAt >= 0 ? Number(argv[limitAt + 1]) : Infinity;
  if (limitAt >= 0 && !(Number.isInteger(limit) && limit > 0)) throw new Error('--limit needs a positive whole number');
  const set = loadSquad(fileAt >= 0 ? argv[fileAt + 1] : DEFAULT_SQUAD_FILE);
  const questions = set.questions.slice(0, limit);
  const reports = [briefRetriever(), miniSearchRetriever, lunrRetriever].map((r) => evaluateRetriever(set, r, questions));
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ paragraphs: set.paragraphs.length, questions: questions.length, reports })}\n`);
  } else {
    process.stdout.write(
      `SQuAD v1.1 dev: ${set.articles.length} articles, ${set.paragraphs.length} paragraphs, ${questions.length} questions\n\n`,
    );
    process.stdout.write(`${formatTable(reports)}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
