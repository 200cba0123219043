/** Question → answer → the Slack message for it (blocks + fallback text), from the corpus as it is now. */
import type { KnownBlock } from '@slack/types';
import type { OpenedCorpus } from '../corpus/open-corpus.ts';
import { DEFAULT_TOP } from '../core/defaults.ts';
import type { Answer } from '../core/types.ts';
import { answerToBlocks, answerToText } from './blocks/answer-blocks.ts';

export interface AnswerMessage {
  answer: Answer;
  blocks: KnownBlock[];
  text: string;
}

export function renderAnswerMessage(
  corpus: OpenedCorpus,
  question: string,
  options: { offset?: number; top?: number; sharedBy?: string; actions?: boolean; showQuestion?: boolean } = {},
): AnswerMessage {
  const top = options.top ?? DEFAULT_TOP;
  const offset = options.offset ?? 0;
  const answer = corpus.engine.answer(question, { top, offset });
  const stats = corpus.engine.stats();
  const blocks = answerToBlocks(answer, {
    corpus: {
      articles: stats.articles,
      loadedAt: corpus.loadedAt,
      ...(stats.newestPublished ? { newestPublished: stats.newestPublished } : {}),
    },
    articleTitle: (id) => corpus.engine.article(id),
    offset,
    top,
    ...(options.sharedBy ? { sharedBy: options.sharedBy } : {}),
    actions: options.actions ?? true,
    showQuestion: options.showQuestion ?? false,
    moreStep: DEFAULT_TOP,
  });
  return { answer, blocks, text: answerToText(answer, { offset }) };
}

/** The fields of the one structured log line each request gets (handleRequest adds `ms`). */
export function answerLogFields(answer: Answer) {
  return { confident: answer.confident, results: answer.results.length, ...(answer.problem ? { problem: answer.problem } : {}) };
}
