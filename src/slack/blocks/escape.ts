/**
 * The one escape function for text that reaches Slack. Every corpus or user string goes through
 * it, so no article or question can post `<!channel>`, `<!here>`, a user mention or a disguised
 * link: with `&`, `<` and `>` escaped, Slack shows them as characters and parses no markup.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text as the user typed it: Slack sends `&`, `<`, `>` as entities in commands and messages. The inverse of escapeMrkdwn. */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * A link Slack will render as `label`, or just the escaped label when the URL is not plain http(s).
 * Labels are shown inside bold (`*…*`), so an asterisk in a title becomes `∗`, which cannot end the bold.
 */
export function mrkdwnLink(url: string | undefined, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '¦').replace(/\*/g, '∗');
  if (!url || !/^https?:\/\/[^\s<>|]+$/i.test(url)) return safeLabel;
  return `<${url.replace(/&/g, '&amp;')}|${safeLabel}>`;
}

/**
 * A URL as plain text in fallback text, unchanged in meaning: the characters Slack would read as
 * markup (`<`, `>`, `|`) and white space are percent-encoded, `&` escaped. Empty for no URL.
 */
export function plainUrl(url: string | undefined): string {
  if (!url) return '';
  return url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
}

/** Bolds whole-word occurrences of `words` in already-escaped mrkdwn text. */
export function boldWords(escaped: string, words: readonly string[]): string {
  const safe = words.map((w) => escapeMrkdwn(w)).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (safe.length === 0) return escaped;
  const pattern = safe
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  return escaped.replace(new RegExp(`(?<![\\p{L}\\p{N}*])(${pattern})(?![\\p{L}\\p{N}*])`, 'gu'), '*$1*');
}
