/** Every user-facing sentence in one place, so the bot and the terminal speak alike. */
import type { QuestionProblem } from '../core/types.ts';

export const MESSAGES = {
  emptyQuestion: 'Ask a question about the story, for example: "who ordered the pause?"',
  noSearchTerms:
    'That question has no words Brief can search for (only common words like "what" or "the"). Try naming who or what you mean, for example: "who ordered the pause?"',
  noMatches: 'Nothing in the corpus matches that question.',
  notConfident: 'Nothing in the corpus answers that clearly. The closest passages:',
  outletUnknown: 'outlet unknown',
  dateUnknown: 'date unknown',
  stanceLabel: (stance: 'asserts' | 'denies') => (stance === 'asserts' ? 'Reported' : 'Denied'),
  disputedHeading: 'Sources disagree:',
  alsoReportedBy: 'Also reported by',
  later: 'later',
  internalError: 'Sorry, something went wrong while answering. The team has the details in the logs; please try again in a moment.',
} as const;

export function describeProblem(problem: QuestionProblem): string {
  return problem === 'empty' ? MESSAGES.emptyQuestion : MESSAGES.noSearchTerms;
}

export const SLACK_MESSAGES = {
  stillLoading: 'Brief is still indexing the corpus; please ask again in a few seconds.',
  unknownOption: (word: string) => `Brief has no option \`${word}\`. Ask a question in plain words, or see the commands below.`,
  unknownWord: (word: string) =>
    `Brief has no command \`${word}\` and the corpus does not mention it. Ask a question in plain words, or see the commands below.`,
  feedbackThanks: (vote: 'up' | 'down') =>
    vote === 'up' ? 'Thanks! Recorded 👍 for this answer.' : 'Thanks. Recorded 👎; the team will look at this answer.',
  shareFailed: 'Brief could not share the answer here. If this is a private channel, invite Brief first (/invite @Brief).',
  youAsked: '*You asked:*',
  outOfDate: 'This button or shortcut is out of date: Brief no longer offers it. Ask again with /brief.',
} as const;

/** Briefings (`/brief briefing`, scheduled posts, `npm run briefing`). */
export const BRIEFING_MESSAGES = {
  title: (story: string) => `Briefing: ${story}`,
  firstBriefing: 'First briefing here, so everything below is new.',
  newSince: (since: string) => `New since the last briefing (${since})`,
  nothingNew: (since: string) => `Nothing new since the last briefing (${since}).`,
  newArticle: 'New article',
  keyPointAnswered: 'Now answered',
  keyPointChanged: 'Answer changed',
  keyPointOpened: 'No longer answered confidently',
  keyPoints: 'Key points',
  openQuestions: 'Open questions (no confident answer in the corpus)',
  timeline: 'Timeline',
  noQuestions: 'No standing questions: add standing-questions.json beside the corpus to get key points.',
  questionsProblem: (problem: string) => `Key points unavailable: ${problem}`,
  eventSource: (words: string, relative: boolean) =>
    relative ? `“${words}”, counted back from the article’s date; source:` : `“${words}” in the text of`,
  timelineCut: (n: number) =>
    `${n} earlier timeline entr${n === 1 ? 'y' : 'ies'} not shown; \`npm run briefing -- --all\` prints the whole timeline.`,
  eventsCut: (shown: number, total: number) =>
    `The ${shown} most reported of ${total} events; \`npm run briefing -- --all\` prints them all.`,
  firstReport: 'First report',
  reportedBy: (outlets: string) => `reported by ${outlets}`,
  firstReportedBy: 'first',
  alsoReportedBy: (outlets: string) => `also reported by ${outlets}`,
  source: 'source',
  disputedLine: 'Disputed',
  disputedHeading: 'What is disputed',
  noDisputes: 'No source contradicts another on the story’s claims.',
  claimReported: 'Reported',
  claimDenied: 'Denied',
  claimConfirmed: 'Confirmed later',
  laterSide: (later: 'claim' | 'against' | 'unknown') =>
    later === 'claim'
      ? 'Latest word: the report’s side.'
      : later === 'against'
        ? 'Latest word: the denial.'
        : 'Which came later is unknown (dates missing).',
  newCut: (n: number) => `…and ${n} more new article${n === 1 ? '' : 's'} (see the timeline).`,
  catchUp: (slot: string) => `Catch-up: the briefing due ${slot} was missed while Brief was down.`,
  pastBriefing: (asOf: string) => `This is the previous briefing in this channel, as posted ${asOf}.`,
  noPrevious: 'No briefing has been posted in this channel yet. `/brief briefing` makes one now; *Share in channel* posts it here.',
  unknownArgument: (word: string) =>
    `\`/brief briefing\` takes no \`${word}\`. Use \`/brief briefing\` for a briefing now, or \`/brief briefing last\` for the previous one.`,
  footer: '`/brief briefing last` shows the previous briefing in this channel.',
  sharedBy: (user: string) => `<@${user}> shared this briefing from Brief.`,
  partOf: (n: number, total: number) => `Briefing, part ${n} of ${total}`,
  shareFailed: 'Brief could not share the briefing here. If this is a private channel, invite Brief first (/invite @Brief).',
} as const;

/** Corpus alerts and `/brief watch`. */
export const ALERT_MESSAGES = {
  newArticle: 'New in the corpus',
  updatedArticle: 'Updated',
  whatIsNew: (fresh: number, total: number) =>
    `*What is new* (${fresh} of ${total} passage${total === 1 ? '' : 's'} not carried by an earlier article):`,
  whatChanged: '*What changed:*',
  nothingNew: 'Nothing new: every passage repeats articles already in the corpus.',
  onlyPassageIsNew: 'The article is the one passage above, and it is new to the corpus.',
  leadIsAllNew: (total: number) => `Only the lead above is new to the corpus (1 of ${total} passages); the rest repeats earlier articles.`,
  removedSentences: (n: number) => `${n} sentence${n === 1 ? '' : 's'} removed.`,
  alsoCoveredBy: 'also covered by',
  relation: (kind: 'confirms' | 'contradicts') => (kind === 'confirms' ? 'Confirms' : 'Contradicts'),
  morePassages: (n: number) => `…and ${n} more new passage${n === 1 ? '' : 's'}.`,
  digestTitle: (n: number) => `${n} articles added to the corpus`,
  digestItemNew: (fresh: number) => (fresh === 0 ? 'nothing new' : `${fresh} new passage${fresh === 1 ? '' : 's'}`),
  digestMore: (n: number) => `…and ${n} more.`,
  digestFooter: 'Ask about any of them with `/brief <question>`.',
  watchHitTitle: (id: number, updated = false) =>
    updated ? `An updated article now answers watched question #${id}` : `A new article answers watched question #${id}`,
  watchHitFooter: (id: number) => `\`/brief unwatch ${id}\` stops this watch.`,
  watchUsage: 'Give the question to watch, for example: `/brief watch how long will the pause last`',
  watchAdded: (id: number, question: string) =>
    `Watching #${id}: _${question}_. Brief will post the answer in this channel when a newly added article answers it. \`/brief watches\` lists this channel's watches.`,
  watchAlreadyAnswered: (sentence: string, cite: string) =>
    `The corpus already answers it: “${sentence}” (${cite}). Brief will post again only when a newer article gives the best answer.`,
  watchNotYetAnswered: 'Nothing in the corpus answers it clearly yet.',
  watchDuplicate: (id: number, question: string) =>
    `This channel already watches that question as #${id}: _${question}_. \`/brief watches\` lists this channel's watches.`,
  watchNotMember: 'Brief is not a member of this channel, so it could not post here. Invite it first (`/invite @Brief`), then watch again.',
  watchTooMany: (max: number) =>
    `This channel already has ${max} watches, the most Brief keeps per channel. Remove one with \`/brief unwatch <n>\` first.`,
  watchesNone: 'No questions are watched in this channel. `/brief watch <question>` adds one.',
  watchesTitle: 'Questions watched in this channel:',
  watchesFooter: '`/brief unwatch <n>` stops one.',
  unwatchUsage: 'Give the number of the watch to stop, as `/brief watches` lists it, for example: `/brief unwatch 2`',
  unwatchMissing: (n: string) => `There is no watch #${n} in this channel. \`/brief watches\` lists them.`,
  unwatched: (id: number, question: string) => `Stopped watching #${id}: _${question}_.`,
} as const;

/** The Home tab (`app_home_opened`). */
export const HOME_MESSAGES = {
  title: (story: string) => `Brief: ${story}`,
  indexing: 'Brief is still indexing the corpus; open this tab again in a few seconds.',
  status: 'Story status',
  counts: (articles: number, outlets: number) =>
    `${articles} article${articles === 1 ? '' : 's'} from ${outlets} outlet${outlets === 1 ? '' : 's'}`,
  newest: (date: string) => `Newest: ${date}`,
  keyPoints: 'Key points',
  briefingOf: (asOf: string) => `from the briefing of ${asOf}`,
  noBriefing: 'No briefing yet. *Fresh briefing* below makes one and sends it to you.',
  noKeyPoints: 'The latest briefing had no key points: add standing-questions.json beside the corpus.',
  disputedBy: (n: number) => `(disputed by ${n} source${n === 1 ? '' : 's'})`,
  open: (labels: readonly string[]) => `Open: ${labels.join(', ')}`,
  newestArticles: 'Newest articles',
  watches: 'Watches in your channels',
  noWatches: 'None of your channels watches a question. `/brief watch <question>` in a channel adds one.',
  moreWatches: (n: number) => `…and ${n} more.`,
  briefingButton: 'Fresh briefing',
  helpButton: 'Help',
  footer: 'Ask anything with `/brief <question>`, by mentioning @Brief, or in a message to Brief.',
  briefingSent: 'Your fresh briefing is below.',
  briefingFailed: 'Sorry, Brief could not make the briefing. The team has the details in the logs; please try again in a moment.',
} as const;
