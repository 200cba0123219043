/**
 * The corpora the bench runs on, by size: `bundled` (the repository's own story corpus) or a number
 * of passages (BBC articles, bbc.ts), each with its timed questions and a different warm-up set.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/core/types.ts';
import { loadCorpus } from '../src/corpus/load-corpus.ts';
import { articlesForPassages, headlineQuestions, readBbc } from './bbc.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLED_CORPUS = path.join(ROOT, 'corpus');
/** The story's evaluation questions (read in place, never copied into the repository). */
export const EVAL_QUESTIONS = path.join(ROOT, '..', 'shared', 'eval', 'questions.jsonl');

export interface BenchCorpus {
  label: string;
  articles: Article[];
  questions: string[];
  warmUp: string[];
}

/** Timed questions, and warm-up questions about other articles (so the timed ones are fresh). */
export async function benchCorpus(size: string, questions = 500): Promise<BenchCorpus> {
  if (size === 'bundled') {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    // Two articles give only eight headline questions: those warm up, the story's own questions are timed.
    const asked = (await readFile(EVAL_QUESTIONS, 'utf8'))
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { q: string }).q);
    return { label: `bundled (${articles.length} articles)`, articles, questions: asked, warmUp: headlineQuestions(articles, 8) };
  }
  const passages = Number(size);
  if (!Number.isInteger(passages) || passages <= 0) throw new Error(`unknown corpus size "${size}" (bundled, or a number of passages)`);
  const articles = articlesForPassages(await readBbc(), passages);
  return {
    label: `BBC ~${passages.toLocaleString('en-US')}`,
    articles,
    questions: headlineQuestions(articles, questions),
    warmUp: headlineQuestions(articles, questions, 0.5),
  };
}
