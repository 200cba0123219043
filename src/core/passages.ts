/** Article → passages: paragraph-sized, headings attached, captions dropped, duplicates collapsed. */
import { normalizeText, splitSentences } from './text.ts';
import type { Article, Passage } from './types.ts';
import { findNearDuplicates } from './near-duplicates.ts';

export interface PassageOptions {
  /** Paragraphs longer than this many characters are split at sentence boundaries. Default 700. */
  maxChars?: number;
  /** Preferred size of the pieces a long paragraph is split into. Default 450. */
  targetChars?: number;
  /** Word-shingle Jaccard similarity from which two passages count as the same (a wire copy with light edits). Default 0.6. */
  nearDuplicateThreshold?: number;
}

export const DEFAULT_PASSAGE_OPTIONS: Required<PassageOptions> = {
  maxChars: 700,
  targetChars: 450,
  nearDuplicateThreshold: 0.6,
};

interface Block {
  kind: 'heading' | 'caption' | 'paragraph';
  text: string;
}

/** Strips inline Markdown (links, emphasis, code marks) to the words a reader sees. */
export function stripInlineMarkdown(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=$|[^\w*])/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1');
}

/** Splits a Markdown body into headings, captions (a paragraph wholly in italics) and paragraphs. */
export function parseBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const chunk = raw.trim();
    if (!chunk) continue;
    const heading = /^#{1,6}\s+(.*)$/.exec(chunk);
    if (heading && !chunk.includes('\n')) {
      blocks.push({ kind: 'heading', text: normalizeText(stripInlineMarkdown(heading[1] ?? '')) });
    } else if (/^([*_])[^*_].*\1$/s.test(chunk)) {
      blocks.push({ kind: 'caption', text: normalizeText(chunk.slice(1, -1)) });
    } else {
      const text = normalizeText(stripInlineMarkdown(chunk.replace(/^>\s?/gm, '').replace(/^[-*+]\s+/gm, '')));
      if (text) blocks.push({ kind: 'paragraph', text });
    }
  }
  return blocks;
}

/** Groups sentences into pieces of about `target` characters, never above `max` unless one sentence is. */
function splitLongParagraph(text: string, max: number, target: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of splitSentences(text)) {
    if (current && (current.length + sentence.length + 1 > max || current.length >= target)) {
      pieces.push(current);
      current = '';
    }
    current = current ? `${current} ${sentence}` : sentence;
  }
  if (current) pieces.push(current);
  return pieces;
}

/** The passages of one article, before de-duplication. Ids are `${article.id}#${position}`. */
export function articleToPassages(article: Article, options: PassageOptions = {}): Passage[] {
  const { maxChars, targetChars } = { ...DEFAULT_PASSAGE_OPTIONS, ...options };
  const passages: Passage[] = [];
  let heading: string | undefined;
  let from = 0;
  for (const block of parseBlocks(article.body)) {
    if (block.kind === 'heading') {
      heading = block.text;
      continue;
    }
    if (block.kind === 'caption') continue;
    for (const piece of splitLongParagraph(block.text, maxChars, targetChars)) {
      const position = passages.length;
      // Almost every passage is verbatim in the body: taken as a slice of it, the text shares the
      // body's memory instead of being a second copy (tens of MB at 100k passages).
      const at = article.body.indexOf(piece, from);
      const text = at >= 0 ? article.body.slice(at, at + piece.length) : piece;
      if (at >= 0) from = at + piece.length;
      passages.push({
        id: `${article.id}#${position}`,
        articleId: article.id,
        position,
        text,
        ...(heading ? { heading } : {}),
        alsoIn: [],
      });
    }
  }
  return passages;
}

/**
 * Passages of a whole corpus with exact and near duplicates collapsed: the first occurrence (in
 * the order articles are given) stays and remembers every other article that carried it.
 */
export function buildPassages(articles: readonly Article[], options: PassageOptions = {}): Passage[] {
  const { nearDuplicateThreshold } = { ...DEFAULT_PASSAGE_OPTIONS, ...options };
  const all = articles.flatMap((a) => articleToPassages(a, options));
  const duplicateOf = findNearDuplicates(
    all.map((p) => p.text),
    nearDuplicateThreshold,
  );
  const kept: Passage[] = [];
  for (const [i, passage] of all.entries()) {
    const original = duplicateOf[i];
    if (original === undefined) {
      kept.push(passage);
      continue;
    }
    const keeper = all[original];
    if (keeper && keeper.articleId !== passage.articleId && !keeper.alsoIn.includes(passage.articleId)) {
      keeper.alsoIn.push(passage.articleId);
    }
  }
  return kept;
}
