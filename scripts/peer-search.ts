/**
 * The plain retrievers Brief's answer quality is compared with, as a newcomer would set them up:
 * MiniSearch with default options and Lunr with its default pipeline, over the same units of text
 * Brief searches. Used by `npm run eval` (passages with their headlines) and `npm run eval:squad`
 * (paragraphs); the benchmark's contenders (bench/peers.ts) add building, saving and loading.
 */
import lunr from 'lunr';
import MiniSearch from 'minisearch';

/** One unit of text to search; `title` is indexed as a second field when given. */
export interface PeerDoc {
  id: string;
  title?: string;
  text: string;
}

/** Ids of the best `depth` documents for a question, best first. */
export type PeerSearch = (question: string, depth: number) => string[];

// Lunr reads these as query syntax (field:, term~1, term^2, +must, -not, wild*card, \escape).
const LUNR_SYNTAX = /[:~^+\-*\\]/g;

function fieldsOf(docs: readonly PeerDoc[]): ('title' | 'text')[] {
  return docs.some((d) => d.title !== undefined) ? ['title', 'text'] : ['text'];
}

/** MiniSearch 7, `new MiniSearch({ fields })` and a default `search`. */
export function miniSearchDefaults(docs: readonly PeerDoc[]): PeerSearch {
  const ms = new MiniSearch<PeerDoc>({ fields: fieldsOf(docs) });
  ms.addAll(docs);
  return (question, depth) =>
    ms
      .search(question)
      .slice(0, depth)
      .map((r) => String(r.id));
}

/** Lunr 2.3 with its default pipeline (trimmer, stop words, stemmer); query syntax stripped from the question. */
export function lunrDefaults(docs: readonly PeerDoc[]): PeerSearch {
  const fields = fieldsOf(docs);
  const index = lunr(function build() {
    this.ref('id');
    for (const field of fields) this.field(field);
    for (const d of docs) this.add(d);
  });
  return (question, depth) =>
    index
      .search(question.replace(LUNR_SYNTAX, ' '))
      .slice(0, depth)
      .map((r) => r.ref);
}
