/**
 * Planned alerts → outbox drafts, one message per channel: single alerts, or one digest when a
 * batch is large, plus one message per watch that fires. Ids are deterministic (channel, kind,
 * the article versions covered), so planning the same alert again after a crash gives the same id
 * and the outbox keeps it once.
 */
import type { KnownBlock } from '@slack/types';
import { createHash } from 'node:crypto';
import type { ArticleAlert } from '../../core/article-alerts.ts';
import type { WatchHit } from '../../core/watch-hits.ts';
import { DEFAULTS } from '../../defaults.ts';
import type { OutboxDraft } from '../../state/alert-store.ts';
import {
  articleAlertToBlocks,
  articleAlertToText,
  digestToBlocks,
  digestToText,
  watchHitToBlocks,
  watchHitToText,
  type AlertRenderOptions,
} from '../blocks/alert-blocks.ts';

/** Articles in one batch from which channels get one digest instead of one post each. Default 5. */
export const DEFAULT_DIGEST_AT = DEFAULTS.alertDigestAt;

export interface ComposeInput {
  alerts: readonly ArticleAlert[];
  hits: readonly WatchHit[];
  channels: readonly string[];
  digestAt?: number;
  render?: AlertRenderOptions;
}

export function alertId(channel: string, kind: string, covers: readonly string[]): string {
  return createHash('sha256')
    .update([channel, kind, ...[...covers].sort()].join('\n'))
    .digest('hex')
    .slice(0, 24);
}

const coverOf = (a: ArticleAlert) => `${a.article.id}@${a.hash}`;

/** The message as stored in the outbox: plain JSON, posted later exactly as planned. */
const stored = (text: string, blocks: KnownBlock[]): OutboxDraft['message'] => ({
  text,
  blocks: JSON.parse(JSON.stringify(blocks)) as Record<string, unknown>[],
});

export function composeAlertDrafts(input: ComposeInput): OutboxDraft[] {
  const { alerts, hits, channels, render } = input;
  const drafts: OutboxDraft[] = [];
  if (alerts.length >= (input.digestAt ?? DEFAULT_DIGEST_AT)) {
    const covers = alerts.map(coverOf);
    const message = stored(digestToText(alerts), digestToBlocks(alerts, render));
    for (const channel of channels) drafts.push({ id: alertId(channel, 'digest', covers), channel, kind: 'digest', covers, message });
  } else {
    for (const alert of alerts) {
      const message = stored(articleAlertToText(alert), articleAlertToBlocks(alert, render));
      for (const channel of channels)
        drafts.push({
          id: alertId(channel, `article-${alert.kind}`, [coverOf(alert)]),
          channel,
          kind: 'article',
          covers: [coverOf(alert)],
          message,
        });
    }
  }
  for (const hit of hits) {
    const alert = alerts.find((a) => a.article.id === hit.articleId);
    const covers = alert ? [coverOf(alert)] : [hit.articleId];
    const updated = alert?.kind === 'update';
    const message = stored(watchHitToText(hit, updated), watchHitToBlocks(hit, render, updated));
    drafts.push({
      id: alertId(hit.watch.channel, `watch-${hit.watch.id}`, covers),
      channel: hit.watch.channel,
      kind: 'watch',
      covers,
      message,
    });
  }
  return drafts;
}
