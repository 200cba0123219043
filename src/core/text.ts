/** Text normalisation and sentence splitting shared by indexing and answering. */
import sbd from 'sbd';

const CURLY_QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
};
const CURLY_RE = new RegExp(`[${Object.keys(CURLY_QUOTES).join('')}]`, 'g');

/** Unicode NFKC, curly quotes folded to straight ones, dashes unified, white space collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(CURLY_RE, (c) => CURLY_QUOTES[c] ?? c)
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The eval files' matching rule: fold quotes, collapse white space, lower-case. */
export function foldForMatch(text: string): string {
  return normalizeText(text).toLowerCase();
}

/**
 * Turns Slack markup in a question into plain words: `<@U123>` and `<!here>` go; a link's address
 * goes (a pasted `<https://x.example/cost-report>` is not asked about), and so does a label that is
 * itself an address (Slack labels a pasted link with its URL), while a word formatted as a link
 * (`<url|pause>`) stays a word; `<#C1|name>` becomes its name; `*bold*`/`_it_`/`~s~`/backticks lose their marks.
 */
/** `x.example/a`, `www.x.org`, `https://…`, `a@b.co`: a URL or address as link text, not words. */
const looksLikeAddress = (label: string) => /^\S*(?::\/\/|@)\S*$|^(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?$/i.test(label.trim());

export function stripSlackMarkup(text: string): string {
  // Slack sends a typed "<" as "&lt;": decode first, so a typed "<!channel>" is markup too.
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/<[@#!][^>]*>/g, (m) => {
      const label = /\|([^>]*)>$/.exec(m);
      return m.startsWith('<#') && label ? ` ${label[1]} ` : ' ';
    })
    .replace(/<[a-z][a-z0-9+.-]*:[^>|]*(?:\|([^>]*))?>/gi, (_m, label?: string) => (label && !looksLikeAddress(label) ? ` ${label} ` : ' '))
    .replace(/<([^>|]+)\|([^>]*)>/g, ' $2 ')
    .replace(/<([^>]+)>/g, ' $1 ')
    .replace(/[*_~`]+/g, ' ');
}

// sbd knows titles, ranks and initials ("Maj. Gen.", "James A. Lewis", "Feb. 28"); it still ends a
// sentence after a few initialisms followed by a capitalised name ("the U.N. Security Council").
const ABBREVIATION_END =
  /(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Maj|Adm|Capt|Cmdr|Brig|St|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|E\.U)\.)\s*$/;
const SBD_OPTIONS = { newline_boundaries: false, preserve_whitespace: false, sanitize: false } as const;

/** Splits text into sentences (sbd), mending the splits it makes after initialisms. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const segment of sbd.sentences(text, SBD_OPTIONS)) {
    const previous = sentences[sentences.length - 1];
    // An initialism followed by a capitalised name is one sentence; a lower-case continuation always is.
    if (previous !== undefined && (ABBREVIATION_END.test(previous) || /^[a-z0-9,;]/.test(segment))) {
      sentences[sentences.length - 1] = `${previous} ${segment}`;
    } else {
      sentences.push(segment);
    }
  }
  return sentences.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Words as written (letters, digits, inner apostrophes and hyphens), for display and highlighting. */
export function surfaceWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Truncates at a word boundary and appends an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
