/**
 * Dates a sentence states, as calendar days: an explicit date ("Monday, March 3, 2025", "3 March",
 * "2025-03-03"), or a weekday / "yesterday" counted back from the article's publication date. Pure.
 * Nothing is guessed: a date without a year, or a weekday, in an undated article is not resolved.
 */

export interface FoundDate {
  /** YYYY-MM-DD. */
  date: string;
  /** The words the date was read from, as written ("Friday", "March 3, 2025"). */
  words: string;
  /** `text`: the sentence states the date; `relative`: counted from the article's publication date. */
  from: 'text' | 'relative';
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAY = `(?:${WEEKDAYS.join('|')})`;

// Month names are matched capitalised only, so the verb "may" and "march" are not dates.
const MONTH_FIRST = new RegExp(`(?:${WEEKDAY},?\\s+)?\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'g');
const DAY_FIRST = new RegExp(`(?:${WEEKDAY},?\\s+)?\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\b\\.?(?:,?\\s+(\\d{4})\\b)?`, 'g');
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const RELATIVE = new RegExp(`\\b(?:(last|next|this coming|coming|this past|this)\\s+)?(${WEEKDAY}|yesterday)\\b`, 'gi');
// A sentence about plans: its weekdays are more likely ahead of the publication date than behind it.
const FUTURE = /\b(?:will|shall|plans? to|planned|scheduled|expected to|is set to|are set to)\b/i;

/** Every date the sentence states, in order of appearance, without repeats. */
export function findDates(sentence: string, published?: string): FoundDate[] {
  const pubDay = publishedDay(published);
  const found: (FoundDate & { at: number })[] = [];
  let rest = sentence;
  const take = (re: RegExp, read: (m: RegExpExecArray) => string | undefined) => {
    rest = rest.replace(re, (...args) => {
      const m = args.slice(0, -2) as unknown as RegExpExecArray;
      const at = args[args.length - 2] as number;
      const date = read(m);
      if (date) found.push({ date, words: m[0].trim(), from: 'text', at });
      return ' '.repeat(m[0].length);
    });
  };
  take(MONTH_FIRST, (m) => calendarDay(m[3] ?? pubDay?.slice(0, 4), monthIndex(m[1]), m[2]));
  take(DAY_FIRST, (m) => calendarDay(m[3] ?? pubDay?.slice(0, 4), monthIndex(m[2]), m[1]));
  take(ISO_DAY, (m) => calendarDay(m[1], Number(m[2]) - 1, m[3]));
  if (pubDay && !FUTURE.test(sentence)) {
    for (const m of rest.matchAll(RELATIVE)) {
      const date = countBack(pubDay, (m[1] ?? '').toLowerCase(), m[2] ?? '');
      if (date) found.push({ date, words: m[0].trim(), from: 'relative', at: m.index ?? 0 });
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter((f) => !seen.has(f.date) && seen.add(f.date))
    .map(({ at: _at, ...f }) => f);
}

/** The calendar day of an ISO `published` value, or undefined when absent or unreadable. */
export function publishedDay(published: string | undefined): string | undefined {
  const m = published ? /^(\d{4})-(\d{2})-(\d{2})/.exec(published) : null;
  return m ? calendarDay(m[1], Number(m[2]) - 1, m[3]) : undefined;
}

function monthIndex(name: string | undefined): number {
  const lower = (name ?? '').toLowerCase();
  return MONTHS.findIndex((m) => m.startsWith(lower.slice(0, 3)));
}

function calendarDay(year: string | undefined, month: number, day: string | undefined): string | undefined {
  if (!year || month < 0 || !day) return undefined;
  const d = new Date(Date.UTC(Number(year), month, Number(day)));
  if (d.getUTCMonth() !== month || d.getUTCDate() !== Number(day)) return undefined;
  return d.toISOString().slice(0, 10);
}

/** "Friday" in an article of Monday 3 March → Friday 28 February: the latest such day on or before publication. */
function countBack(pubDay: string, qualifier: string, word: string): string | undefined {
  if (qualifier === 'next' || qualifier.includes('coming') || qualifier === 'this') return undefined;
  const pub = new Date(`${pubDay}T00:00:00Z`);
  let back: number;
  if (word.toLowerCase() === 'yesterday') {
    if (qualifier) return undefined;
    back = 1;
  } else {
    const target = WEEKDAYS.findIndex((w) => w.toLowerCase() === word.toLowerCase());
    if (target < 0) return undefined;
    back = (pub.getUTCDay() - target + 7) % 7;
    if (back === 0 && qualifier) back = 7;
  }
  return new Date(pub.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}
