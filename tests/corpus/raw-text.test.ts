import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../src/cli/ingest.ts';
import { cleanRawText, parseDateLine } from '../../src/corpus/raw-text.ts';
import { slugify } from '../../src/corpus/write-article.ts';
import { BUNDLED_CORPUS, runCli, SHARED } from '../helpers.ts';

const SEED_000 = path.join(SHARED, 'seeds', '000_e63cd36ec0074114.txt');
const SEED_003 = path.join(SHARED, 'seeds', '003_0bd00dbf49c80004.txt');

describe('cleanRawText on the seed articles', () => {
  it('takes the headline and date line out and keeps each paragraph once', async () => {
    const cleaned = cleanRawText(await readFile(SEED_000, 'utf8'));
    expect(cleaned.title).toBe(
      'Pentagon Halts U.S. Cyber Offensive Attacks On Russia To Push Ukraine Peace Talks, Policy Shift Sparks Debate',
    );
    expect(cleaned.published).toBe('2025-03-03');
    expect(cleaned.body).not.toContain('Pentagon Halts');
    expect(cleaned.body).not.toContain('Monday, March 3, 2025');
    expect(cleaned.body).toContain('## Uncertainty Over Duration of Cyber Operation Pause');
    expect(cleaned.body).toContain('_US Defense Secretary Pete Hegseth attends a cabinet meeting');
  });

  it('drops the block of paragraphs the second seed repeats verbatim', async () => {
    const cleaned = cleanRawText(await readFile(SEED_003, 'utf8'));
    expect(cleaned.title).toBe('Trump Administration Halts Cyber Operations Against Russia Amid Ukraine Diplomacy');
    expect(cleaned.published).toBeUndefined();
    expect(cleaned.body.match(/Mike Waltz denied/g)).toHaveLength(1);
    expect(cleaned.body.match(/Cybersecurity experts fear/g)).toHaveLength(1);
    expect(cleaned.body.split('\n\n')).toHaveLength(7);
  });

  it('joins hard-wrapped lines into one paragraph', () => {
    const cleaned = cleanRawText(
      'A Headline For The Test\n\nThe first line of a paragraph that\ncontinues on the next line.\n\nAnother paragraph.',
    );
    expect(cleaned.body).toBe('The first line of a paragraph that continues on the next line.\n\nAnother paragraph.');
  });

  it.each([
    ['Monday, March 3, 2025', '2025-03-03'],
    ['March 3, 2025', '2025-03-03'],
    ['3 March 2025', '2025-03-03'],
    ['Published: Mar. 14, 2024', '2024-03-14'],
    ['2025-03-03', '2025-03-03'],
    ['March 2025 was busy.', undefined],
  ])('parseDateLine(%j) → %s', (line, iso) => {
    expect(parseDateLine(line)).toBe(iso);
  });

  it('makes file names that cannot escape the corpus folder', () => {
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('U.S. Halts Cyber Ops')).toBe('us-halts-cyber-ops');
    expect(slugify('...')).toBe('article');
  });
});

describe('the bundled corpus is exactly what ingest makes of the seeds', () => {
  it('regenerates byte for byte', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-ingest-'));
    try {
      const run = await runCli(runIngest, [SEED_000, SEED_003, '--corpus', dir]);
      expect(run.code).toBe(0);
      const made = (await readdir(dir)).sort();
      expect(made).toHaveLength(2);
      for (const name of made) {
        expect(await readFile(path.join(dir, name), 'utf8')).toBe(await readFile(path.join(BUNDLED_CORPUS, name), 'utf8'));
      }
      const again = await runCli(runIngest, [SEED_000, '--corpus', dir]);
      expect(again.stdout).toMatch(/^unchanged /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bad --url with a clear message and writes nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-ingest-'));
    try {
      const run = await runCli(runIngest, [SEED_000, '--url', 'not a url', '--corpus', dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/url/);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
