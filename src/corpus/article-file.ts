/** The corpus file format: YAML front matter (title, source, url, published, author) + Markdown body. */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import type { Article } from '../core/types.ts';

const isoDate = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)),
    'must be an ISO date (2025-03-03) or date-time (2025-03-03T14:00:00Z)',
  );
const optionalText = z.string().trim().min(1).optional();

/** The front matter a corpus file may carry. `title` is required; the rest may be absent. */
export const frontMatterSchema = z
  .object({
    title: z.string({ error: 'title is missing' }).trim().min(1, 'title is empty'),
    source: optionalText,
    url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) address' }).optional(),
    published: z.preprocess((v) => (v instanceof Date ? v.toISOString() : typeof v === 'number' ? String(v) : v), isoDate.optional()),
    author: optionalText,
  })
  .loose();

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export class ArticleFormatError extends Error {}

const FRONT_MATTER_RE = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

const SIMPLE_LINE = /^([A-Za-z_][\w-]*):[ \t]*(.*?)[ \t]*$/;
const PLAIN_SCALAR = /^[^\s"'#&*!|>%@`{}[\],?:-](?:[^:\s]|:(?!\s|$)|[ \t](?![ \t]*#))*$/;

/**
 * The common case — `key: value` lines with plain or double-quoted values, as Brief writes them —
 * read without the YAML library, which was a third of loading a 17,800-file corpus. Anything else
 * (lists, block scalars, single quotes, escapes, comments, numbers or booleans) returns undefined
 * and goes to the full YAML parser, so the result is always what YAML itself would give.
 */
export function parseSimpleFrontMatter(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = SIMPLE_LINE.exec(line);
    if (!m) return undefined;
    const [, key, raw = ''] = m;
    if (raw.startsWith('"')) {
      if (!/^"[^"\\]*"$/.test(raw)) return undefined;
      out[key!] = raw.slice(1, -1);
    } else if (
      PLAIN_SCALAR.test(raw) &&
      !/^(true|false|null|~|yes|no|on|off|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$/i.test(raw)
    ) {
      out[key!] = raw;
    } else {
      return undefined;
    }
    if (key === '__proto__') return undefined;
  }
  return out;
}

/** Parses one corpus file's text; throws {@link ArticleFormatError} saying what is wrong. */
export function parseArticleFile(id: string, text: string): Article {
  const match = FRONT_MATTER_RE.exec(text);
  if (!match) throw new ArticleFormatError('no front matter (the file must start with a --- block holding at least a title)');
  let data: unknown;
  try {
    data = parseSimpleFrontMatter(match[1] ?? '') ?? parseYaml(match[1] ?? '');
  } catch (err) {
    throw new ArticleFormatError(`front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new ArticleFormatError('front matter is not a set of key: value fields');
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) {
    throw new ArticleFormatError(parsed.error.issues.map((i) => `${i.path.join('.') || 'front matter'}: ${i.message}`).join('; '));
  }
  const body = text.slice(match[0].length).trim();
  if (!/[\p{L}\p{N}]/u.test(body)) throw new ArticleFormatError('the body is empty');
  const { title, source, url, published, author } = parsed.data;
  return {
    id,
    title,
    body,
    ...(source ? { source } : {}),
    ...(url ? { url } : {}),
    ...(published ? { published } : {}),
    ...(author ? { author } : {}),
  };
}

/** Serialises an article as a corpus file: front matter (absent fields left out), a blank line, the body. */
export function formatArticleFile(article: Omit<Article, 'id'>): string {
  const meta: Record<string, string> = { title: article.title };
  for (const key of ['source', 'url', 'published', 'author'] as const) {
    const value = article[key];
    if (value) meta[key] = value;
  }
  return `---\n${stringifyYaml(meta, { lineWidth: 0 }).trimEnd()}\n---\n\n${article.body.trim()}\n`;
}
