/**
 * The sentences of each article as last announced (or as found at first start), so a later edit
 * can be told apart as a typo fix or news. One row per article: a save writes only the articles
 * that changed (the JSON file it replaces was 45 MB rewritten whole). Written after the alert
 * commit; a version lost to a crash in between is rebuilt from the article when its text still
 * matches (see planArticleAlerts).
 */
import type { VersionSnapshot } from '../core/article-alerts.ts';
import type { OpenedDatabase } from './open-database.ts';

export interface ArticleVersions {
  /** Every snapshot. Kept in memory; rows another replica changed are re-read by their hash. */
  all(): Promise<Readonly<Record<string, VersionSnapshot>>>;
  /** Upserts the changed snapshots. */
  save(changed: Readonly<Record<string, VersionSnapshot>>): Promise<void>;
}

export const versionRow = (article_id: string, v: VersionSnapshot) => ({
  article_id,
  hash: v.hash,
  title: v.title,
  sentences: JSON.stringify(v.sentences),
});

export function createArticleVersions({ db }: OpenedDatabase): ArticleVersions {
  let cache: Record<string, VersionSnapshot> = {};
  return {
    async all() {
      const hashes = await db.selectFrom('article_versions').select(['article_id', 'hash']).execute();
      const stale = hashes.filter((r) => cache[r.article_id]?.hash !== r.hash).map((r) => r.article_id);
      const next: Record<string, VersionSnapshot> = {};
      for (const r of hashes) if (cache[r.article_id]?.hash === r.hash) next[r.article_id] = cache[r.article_id]!;
      for (let i = 0; i < stale.length; i += 500) {
        const rows = await db
          .selectFrom('article_versions')
          .selectAll()
          .where('article_id', 'in', stale.slice(i, i + 500))
          .execute();
        for (const r of rows) next[r.article_id] = { hash: r.hash, title: r.title, sentences: JSON.parse(r.sentences) as string[] };
      }
      cache = next;
      return cache;
    },
    async save(changed) {
      const rows = Object.entries(changed).map(([id, v]) => versionRow(id, v));
      for (let i = 0; i < rows.length; i += 200) {
        await db
          .insertInto('article_versions')
          .values(rows.slice(i, i + 200))
          .onConflict((oc) =>
            oc.column('article_id').doUpdateSet((eb) => ({
              hash: eb.ref('excluded.hash'),
              title: eb.ref('excluded.title'),
              sentences: eb.ref('excluded.sentences'),
            })),
          )
          .execute();
      }
      cache = { ...cache, ...changed };
    },
  };
}
