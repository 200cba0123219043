import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

// The core is pure: no Slack, no files, no environment, no logger. Everything else may import it.
const FORBIDDEN = [
  /from\s+['"]@slack\//,
  /from\s+['"](node:)?(fs|fs\/promises|child_process|net|http|https)['"]/,
  /from\s+['"]pino['"]/,
  /from\s+['"]dotenv/,
  /process\.env/,
  /from\s+['"]\.\.\/(?!core\/)/,
];

describe('src/core stays pure', () => {
  it('imports no Slack, fs, network, logger or environment', async () => {
    const dir = path.join(ROOT, 'src', 'core');
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    const offences: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(dir, file), 'utf8');
      for (const re of FORBIDDEN) if (re.test(text)) offences.push(`${file}: ${re}`);
    }
    expect(offences).toEqual([]);
  });
});
