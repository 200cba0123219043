/**
 * `npm run eval`: answer quality on the question sets we have, Brief against MiniSearch (default
 * options) and Lunr over the same passages.
 *
 *   npm run eval                    bundled questions on corpus/, and the story set on corpus/ +
 *                                   ../shared/data/story/articles (when that folder is present)
 *   npm run eval -- FILE.jsonl …    one question file on CORPUS_DIR (or --corpus DIR), Brief only
 *   npm run eval -- --json          the default sets as one JSON object
 *
 * Exits 1 when a question of the bundled set is wrong (the story set is reported, not gated).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEval, formatReport } from '../src/cli/eval.ts';
import { createEngine } from '../src/core/engine.ts';
import { foldForMatch } from '../src/core/text.ts';
import type { Article, Passage } from '../src/core/types.ts';
import { loadCorpus } from '../src/corpus/load-corpus.ts';
import { loadSynonyms } from '../src/corpus/load-synonyms.ts';
import { lunrDefaults, miniSearchDefaults, type PeerSearch } from './peer-search.ts';
import { parseQuestionFile, scoreQuestions, type EvalQuestion, type EvalReport } from '../src/eval/score-questions.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(ROOT, '..', 'shared');

interface EvalSet {
  name: string;
  questions: EvalQuestion[];
  dirs: string[];
}

function defaultSets(): EvalSet[] {
  const sets: EvalSet[] = [
    {
      name: 'bundled',
      dirs: [path.join(ROOT, 'corpus')],
      questions: parseQuestionFile(readFileSync(path.join(SHARED, 'eval', 'questions.jsonl'), 'utf8')),
    },
  ];
  const story = path.join(SHARED, 'data', 'story');
  if (existsSync(path.join(story, 'questions.jsonl'))) {
    sets.push({
      name: 'story',
      dirs: [path.join(ROOT, 'corpus'), path.join(story, 'articles')],
      questions: parseQuestionFile(readFileSync(path.join(story, 'questions.jsonl'), 'utf8')),
    });
  } else {
    process.stderr.write(`story set not found at ${story}: only the bundled set is scored\n`);
  }
  return sets;
}

/** The plain retrievers (scripts/peer-search.ts) over Brief's passages with their headlines, scored like Brief (they have no confidence). */
function peers(articles: readonly Article[], passages: readonly Passage[]): Record<string, PeerSearch> {
  const titles = new Map(articles.map((a) => [a.id, a.title]));
  const docs = passages.map((p) => ({ id: p.id, title: titles.get(p.articleId) ?? '', text: p.text }));
  return { 'MiniSearch defaults': miniSearchDefaults(docs), Lunr: lunrDefaults(docs) };
}

interface Row {
  engine: string;
  hit1: number;
  hit3: number;
  mrr: number;
  declined: number | null;
}

function scorePeer(name: string, search: PeerSearch, texts: ReadonlyMap<string, string>, questions: readonly EvalQuestion[]): Row {
  const answerable = questions.filter((q) => !q.unanswerable);
  let hit1 = 0,
    hit3 = 0,
    rr = 0;
  for (const q of answerable) {
    const gold = q.gold.map(foldForMatch);
    const rank = search(q.q, 10).findIndex((id) => gold.some((g) => foldForMatch(texts.get(id) ?? '').includes(g))) + 1;
    if (rank === 1) hit1++;
    if (rank >= 1 && rank <= 3) hit3++;
    if (rank >= 1) rr += 1 / rank;
  }
  const n = answerable.length || 1;
  return { engine: name, hit1: hit1 / n, hit3: hit3 / n, mrr: rr / n, declined: null };
}

async function runSet(set: EvalSet): Promise<{ set: string; questions: number; rows: Row[]; brief: EvalReport }> {
  const loaded = await Promise.all(set.dirs.map((d) => loadCorpus(d)));
  const articles = loaded.flatMap((l) => l.articles);
  const engine = createEngine(articles, { analyzer: { synonyms: await loadSynonyms(set.dirs[0]!) } });
  const brief = scoreQuestions(engine, set.questions);
  const texts = new Map(engine.passages.map((p) => [p.id, p.text]));
  const rows: Row[] = [
    { engine: 'Brief', hit1: brief.hit1, hit3: brief.hit3, mrr: brief.mrr, declined: brief.declinedRate },
    ...Object.entries(peers(engine.articles, engine.passages)).map(([name, search]) => scorePeer(name, search, texts, set.questions)),
  ];
  return {
    set: `${set.name} (${articles.length} articles, ${engine.passages.length} passages)`,
    questions: set.questions.length,
    rows,
    brief,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function table(rows: readonly Row[]): string {
  const cells = [
    ['engine', 'hit@1', 'hit@3', 'MRR', 'unanswerable declined'],
    ...rows.map((r) => [r.engine, pct(r.hit1), pct(r.hit3), r.mrr.toFixed(3), r.declined === null ? 'n/a' : pct(r.declined)]),
  ];
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  return cells.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

async function main(argv: string[]): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('-'));
  if (files.length > 0 || argv.includes('--help') || argv.includes('-h')) {
    return runEval(argv, {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      stdin: process.stdin,
      env: process.env,
      isTTY: false,
    });
  }
  const results = [];
  for (const set of defaultSets()) results.push(await runSet(set));
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results.map((r) => ({ set: r.set, questions: r.questions, rows: r.rows })))}\n`);
  } else {
    for (const r of results)
      process.stdout.write(`\n## ${r.set}, ${r.questions} questions\n\n${table(r.rows)}\n\nBrief in detail:\n${formatReport(r.brief)}\n`);
  }
  return results[0]!.brief.allOk ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`eval: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
