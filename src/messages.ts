/** Every user-facing sentence in one place, so the bot and the terminal speak alike. */
import type { QuestionProblem } from './core/types.ts';

export const MESSAGES = {
  emptyQuestion: 'Ask a question about the story, for example: "who ordered the pause?"',
  noSearchTerms: 'That question has no words Brief can search for (only common words like "what" or "the"). Try naming who or what you mean, for example: "who ordered the pause?"',
  noMatches: 'Nothing in the corpus matches that question.',
  notConfident: 'Nothing in the corpus answers that clearly. The closest passages:',
  outletUnknown: 'outlet unknown',
  dateUnknown: 'date unknown',
  internalError: 'Sorry, something went wrong while answering. The team has the details in the logs; please try again in a moment.',
} as const;

export function describeProblem(problem: QuestionProblem): string {
  return problem === 'empty' ? MESSAGES.emptyQuestion : MESSAGES.noSearchTerms;
}

export const SLACK_MESSAGES = {
  stillLoading: 'Brief is still indexing the corpus; please ask again in a few seconds.',
  unknownOption: (word: string) => `Brief has no option \`${word}\`. Ask a question in plain words, or see the commands below.`,
  unknownWord: (word: string) => `Brief has no command \`${word}\` and the corpus does not mention it. Ask a question in plain words, or see the commands below.`,
  feedbackThanks: (vote: 'up' | 'down') => (vote === 'up' ? 'Thanks! Recorded 👍 for this answer.' : 'Thanks. Recorded 👎; the team will look at this answer.'),
  shareFailed: 'Brief could not share the answer here. If this is a private channel, invite Brief first (/invite @Brief).',
} as const;
