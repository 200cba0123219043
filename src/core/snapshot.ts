/**
 * A built engine as data (passages + the MiniSearch index), so an unchanged corpus starts without
 * re-splitting, de-duplicating and re-indexing. Pure: reading, writing and deciding whether a
 * snapshot still fits the corpus happen in src/corpus/ (index-cache.ts, corpus-fingerprint.ts).
 */
import type { PersistedSearchIndex } from './search-index.ts';
import type { Passage } from './types.ts';

/** Bumped whenever the snapshot's shape changes. */
export const SNAPSHOT_FORMAT = 4;

export interface EngineSnapshot {
  format: number;
  /** The passages exactly as buildPassages made them (duplicates already collapsed). */
  passages: Passage[];
  /** The search index over those passages (search-index.ts): MiniSearch's data, or that data already loaded. */
  index: PersistedSearchIndex;
}

/** Thrown when a snapshot cannot belong to the given articles; the caller rebuilds. */
export class SnapshotMismatchError extends Error {
  override name = 'SnapshotMismatchError';
}

/** The snapshot's passages, after checking they fit the articles; throws SnapshotMismatchError otherwise. */
export function restorePassages(snapshot: EngineSnapshot, articleIds: ReadonlySet<string>): Passage[] {
  if (snapshot.format !== SNAPSHOT_FORMAT)
    throw new SnapshotMismatchError(`snapshot format ${snapshot.format}, expected ${SNAPSHOT_FORMAT}`);
  if (!Array.isArray(snapshot.passages) || typeof snapshot.index !== 'object' || snapshot.index === null)
    throw new SnapshotMismatchError('snapshot lacks passages or index');
  for (const p of snapshot.passages) {
    if (!articleIds.has(p.articleId)) throw new SnapshotMismatchError(`passage ${p.id} belongs to no loaded article`);
  }
  return snapshot.passages;
}

/** Checks the restored index holds exactly the snapshot's passages. */
export function checkRestoredIndex(indexSize: number, passages: readonly Passage[]): void {
  if (indexSize !== passages.length) throw new SnapshotMismatchError(`index holds ${indexSize} passages, snapshot ${passages.length}`);
}
