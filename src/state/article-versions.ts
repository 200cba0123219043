/**
 * STATE_DIR/article-versions.json: the sentences of each article as last announced (or as found at
 * first start), so a later edit can be told apart as a typo fix or news. Kept apart from
 * alerts.json because it is as large as the corpus and changes only when articles do, while
 * alerts.json is rewritten on every post. Written after alerts.json; a version lost to a crash in
 * between is rebuilt from the article when its text still matches (see planArticleAlerts).
 */
import path from 'node:path';
import { z } from 'zod';
import type { VersionSnapshot } from '../core/article-alerts.ts';
import type { Logger } from '../logger.ts';
import { mapInSlices } from '../time-slices.ts';
import { readJsonState } from './json-file.ts';
import { writeFileAtomic } from './write-atomic.ts';

export const ARTICLE_VERSIONS_FILE = 'article-versions.json';

const versionsSchema = z.object({
  version: z.literal(1),
  articles: z.record(z.string(), z.object({ hash: z.string(), title: z.string(), sentences: z.array(z.string()) })),
});

export interface ArticleVersions {
  all(): Readonly<Record<string, VersionSnapshot>>;
  /** Merges in changed snapshots and writes the file when anything changed. */
  save(changed: Readonly<Record<string, VersionSnapshot>>): Promise<void>;
}

export async function openArticleVersions(stateDir: string, logger: Logger, now: () => Date = () => new Date()): Promise<ArticleVersions> {
  const file = path.join(stateDir, ARTICLE_VERSIONS_FILE);
  const read = await readJsonState(file, versionsSchema, now);
  if (read.status === 'corrupt') {
    logger.error({ file, reason: read.reason, setAsideAs: read.setAsideAs }, 'article versions file is corrupt: set aside; unchanged articles are re-recorded, an article edited meanwhile is announced as updated');
  }
  let articles: Record<string, VersionSnapshot> = read.status === 'ok' ? read.value.articles : {};
  return {
    all: () => articles,
    async save(changed) {
      if (Object.keys(changed).length === 0) return;
      articles = { ...articles, ...changed };
      // Every article's sentences: about 45 MB at 17,800 articles. Serialised article by article in
      // slices (time-slices.ts) and not pretty-printed, so the bot keeps acking while it is written.
      const entries = await mapInSlices(Object.entries(articles), ([id, v]) => `${JSON.stringify(id)}:${JSON.stringify(v)}`);
      await writeFileAtomic(file, [`{"version":1,"articles":{${entries.join(',')}}}\n`]);
    },
  };
}
