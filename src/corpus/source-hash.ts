/** Hashes of Brief's own source files, so that caches made by other code are never used. */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const hashes = new Map<string, Promise<string>>();

/**
 * SHA-256 of the source files in folder `dir` (.ts or .js, as run from src/ or dist/), or only of
 * those whose name without the extension is in `names`. Worked out once per process.
 */
export function sourceHash(dir: URL, names?: readonly string[]): Promise<string> {
  const folder = fileURLToPath(dir);
  const key = `${folder}\0${names?.join('\0') ?? '*'}`;
  let hash = hashes.get(key);
  if (!hash) {
    hash = (async () => {
      const h = createHash('sha256');
      const files = (await readdir(folder))
        .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && (!names || names.includes(f.replace(/\.(ts|js)$/, ''))))
        .sort();
      for (const f of files)
        h.update(f)
          .update('\0')
          .update(await readFile(path.join(folder, f)))
          .update('\0');
      return h.digest('hex');
    })();
    hashes.set(key, hash);
  }
  return hash;
}

let lockHash: Promise<string> | undefined;

/**
 * A hash of package-lock.json (beside src/ and dist/), so that caches made with other library
 * versions (the YAML parser, the stemmer, the stop-word list) are not used; 'none' without one.
 */
export function lockfileHash(): Promise<string> {
  lockHash ??= readFile(fileURLToPath(new URL('../../package-lock.json', import.meta.url))).then(
    (bytes) => createHash('sha256').update(bytes).digest('hex'),
    () => 'none',
  );
  return lockHash;
}
