/**
 * Extracted article HTML → the corpus's small Markdown: one paragraph per block, `## ` headings,
 * `_caption_` lines for figure captions. Links, emphasis and images are reduced to their text.
 */
import { fingerprintWords } from '../core/near-duplicates.ts';

/** The part of a DOM node read here. */
export interface NodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<NodeLike>;
}

type Block = { kind: 'paragraph' | 'heading' | 'caption'; text: string };

const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const CONTAINERS = new Set([
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'BODY',
  'UL',
  'OL',
  'DL',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'TR',
  'FIGURE',
  'BLOCKQUOTE',
  'DETAILS',
  'CENTER',
]);
const LEAF_BLOCKS = new Set(['P', 'LI', 'DT', 'DD', 'PRE', 'TD', 'TH', 'ADDRESS', 'SUMMARY']);
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IMG',
  'PICTURE',
  'SVG',
  'VIDEO',
  'AUDIO',
  'IFRAME',
  'BUTTON',
  'FORM',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'NAV',
  'ASIDE',
  'FOOTER',
]);
const ELEMENT = 1;
const TEXT = 3;

/** A short "By Jane Doe" line: the byline, which the front matter carries already. */
const BYLINE_RE = /^by\s+\p{Lu}[^.!?]{0,80}$/iu;

/** Walks `root` into Markdown blocks; a heading that repeats `title`, the byline and repeated paragraphs go. */
export function htmlToMarkdown(root: NodeLike, title?: string): string {
  const blocks: Block[] = [];
  collectBlocks(root, blocks);
  const titleKey = title ? fingerprintWords(title).join(' ') : undefined;
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const block of blocks) {
    const key = fingerprintWords(block.text).join(' ');
    if (!key || seen.has(key) || (block.kind === 'heading' && key === titleKey)) continue;
    if (block.kind === 'paragraph' && BYLINE_RE.test(block.text)) continue;
    seen.add(key);
    kept.push(
      block.kind === 'heading' ? `## ${block.text}` : block.kind === 'caption' ? `_${block.text.replace(/_/g, ' ').trim()}_` : block.text,
    );
  }
  // A heading with nothing after it introduces nothing.
  while (kept.length && kept[kept.length - 1]!.startsWith('## ')) kept.pop();
  return kept.join('\n\n');
}

/** Depth-first: leaf blocks become one block each; loose inline text between blocks becomes a paragraph. */
function collectBlocks(node: NodeLike, out: Block[]): void {
  let inline = '';
  const flush = () => {
    pushBlock(out, 'paragraph', inline);
    inline = '';
  };
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT) {
      inline += child.textContent ?? '';
      continue;
    }
    if (child.nodeType !== ELEMENT || SKIPPED.has(child.nodeName)) continue;
    const name = child.nodeName;
    if (name === 'BR') {
      inline += ' ';
      continue;
    }
    if (HEADINGS.has(name)) {
      flush();
      pushBlock(out, 'heading', child.textContent);
      continue;
    }
    if (name === 'FIGCAPTION') {
      flush();
      pushBlock(out, 'caption', child.textContent);
      continue;
    }
    if (LEAF_BLOCKS.has(name) && !hasBlockChild(child)) {
      flush();
      pushBlock(out, 'paragraph', inlineText(child));
      continue;
    }
    if (CONTAINERS.has(name) || LEAF_BLOCKS.has(name)) {
      flush();
      collectBlocks(child, out);
      continue;
    }
    inline += inlineText(child);
  }
  flush();
}

function hasBlockChild(node: NodeLike): boolean {
  return Array.from(node.childNodes).some(
    (c) => c.nodeType === ELEMENT && (CONTAINERS.has(c.nodeName) || LEAF_BLOCKS.has(c.nodeName) || HEADINGS.has(c.nodeName)),
  );
}

/** The text of an inline run, with `<br>` as a space and skipped elements left out. */
function inlineText(node: NodeLike): string {
  if (node.nodeType === TEXT) return node.textContent ?? '';
  if (node.nodeType !== ELEMENT || SKIPPED.has(node.nodeName)) return '';
  if (node.nodeName === 'BR') return ' ';
  return Array.from(node.childNodes).map(inlineText).join('');
}

function pushBlock(out: Block[], kind: Block['kind'], text: string | null): void {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (/[\p{L}\p{N}]/u.test(clean)) out.push({ kind, text: clean });
}
