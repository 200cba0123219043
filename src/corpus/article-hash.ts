/** Content hashes of an article: any change to its text or metadata changes them. */
import { createHash } from 'node:crypto';
import type { Article } from '../core/types.ts';

/** SHA-256 (hex) of everything in the article but its id (the file name): the index cache's key per article. */
export function articleDigest(article: Article): string {
  const { title, source, url, published, author, body } = article;
  return createHash('sha256')
    .update(JSON.stringify([title, source, url, published, author, body]))
    .digest('hex');
}

/** The short form alerts keep per article version (the first 16 hex digits of the digest). */
export function articleHash(article: Article, digest = articleDigest(article)): string {
  return digest.slice(0, 16);
}
