/** Scores an engine on a question file (../shared/eval format): hit@1, hit@3, MRR, answers, declines. */
import { z } from 'zod';
import type { Engine } from '../core/engine.ts';
import { foldForMatch } from '../core/text.ts';

export const evalQuestionSchema = z.object({
  q: z.string(),
  gold: z.array(z.string()).default([]),
  answer: z.array(z.string()).optional(),
  unanswerable: z.boolean().optional(),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

/** Parses a JSONL question file; throws naming the first bad line. */
export function parseQuestionFile(text: string): EvalQuestion[] {
  return text.split(/\r?\n/).flatMap((line, i) => {
    if (!line.trim()) return [];
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1} is not JSON`);
    }
    const parsed = evalQuestionSchema.safeParse(data);
    if (!parsed.success)
      throw new Error(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return [parsed.data];
  });
}

export interface QuestionOutcome {
  question: EvalQuestion;
  /** 1-based rank of the first passage holding a gold substring, or null. */
  rank: number | null;
  confident: boolean;
  answerText: string | null;
  /** The answer sentence holds every required term (true when none are required). */
  answerOk: boolean;
  /** Right in every way the file asks: declined if unanswerable, else hit@1, confident and answer terms. */
  ok: boolean;
}

export interface EvalReport {
  outcomes: QuestionOutcome[];
  answerable: number;
  hit1: number;
  hit3: number;
  mrr: number;
  answerAccuracy: number;
  /** Share of answerable questions answered confidently. */
  confidentRate: number;
  unanswerable: number;
  declinedRate: number;
  allOk: boolean;
}

export function scoreQuestions(engine: Engine, questions: readonly EvalQuestion[], depth = 10): EvalReport {
  const outcomes = questions.map((question): QuestionOutcome => {
    const answer = engine.answer(question.q, { top: depth });
    const gold = question.gold.map(foldForMatch);
    const index = answer.results.findIndex((r) => gold.some((g) => foldForMatch(r.passage.text).includes(g)));
    const rank = index >= 0 ? index + 1 : null;
    const answerText = answer.sentence?.text ?? null;
    const answerOk = (question.answer ?? []).every((t) => answerText !== null && foldForMatch(answerText).includes(foldForMatch(t)));
    const ok = question.unanswerable ? !answer.confident : rank === 1 && answer.confident && answerOk;
    return { question, rank, confident: answer.confident, answerText, answerOk, ok };
  });
  const answerable = outcomes.filter((o) => !o.question.unanswerable);
  const unanswerable = outcomes.filter((o) => o.question.unanswerable);
  const share = (xs: QuestionOutcome[], f: (o: QuestionOutcome) => boolean | number) =>
    xs.length ? xs.reduce((s, o) => s + Number(f(o)), 0) / xs.length : 1;
  const withAnswerTerms = answerable.filter((o) => o.question.answer?.length);
  return {
    outcomes,
    answerable: answerable.length,
    hit1: share(answerable, (o) => o.rank === 1),
    hit3: share(answerable, (o) => o.rank !== null && o.rank <= 3),
    mrr: share(answerable, (o) => (o.rank ? 1 / o.rank : 0)),
    answerAccuracy: share(withAnswerTerms, (o) => o.answerOk),
    confidentRate: share(answerable, (o) => o.confident),
    unanswerable: unanswerable.length,
    declinedRate: share(unanswerable, (o) => !o.confident),
    allOk: outcomes.every((o) => o.ok),
  };
}
