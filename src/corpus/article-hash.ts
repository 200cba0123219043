/** A short content hash of an article: any change to its text or metadata changes it. */
import { createHash } from 'node:crypto';
import type { Article } from '../core/types.ts';

export function articleHash(article: Article): string {
  const { title, source, url, published, author, body } = article;
  return createHash('sha256').update(JSON.stringify([title, source, url, published, author, body])).digest('hex').slice(0, 16);
}
