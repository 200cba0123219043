import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCandidateArticleFile, loadCorpus, mapWithConcurrency } from '../../src/corpus/load-corpus.ts';
import { openCorpus } from '../../src/corpus/open-corpus.ts';
import { captureLogger, FIXTURES, tempCorpusCopy } from '../helpers.ts';

describe('symbolic links (issue 15, item 6)', () => {
  it('skips a link to a file outside the corpus folder, with a log line, and follows one inside', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-small'));
    const outside = await mkdtemp(path.join(os.tmpdir(), 'brief-outside-'));
    try {
      await writeFile(path.join(outside, 'secret.md'), '---\ntitle: Payroll secrets\n---\n\nThe salaries of everyone in payroll.');
      await symlink(path.join(outside, 'secret.md'), path.join(dir, 'secret.md'));
      await symlink(path.join(dir, 'alpha.md'), path.join(dir, 'alpha-again.md'));
      const { logger, lines } = captureLogger();
      const { engine, skipped } = await openCorpus(dir, logger, { indexCache: false });
      expect(engine.articles.map((a) => a.id).sort()).toEqual(['alpha', 'alpha-again', 'beta', 'gamma']);
      expect(engine.answer('payroll salaries').results).toEqual([]);
      expect(skipped.find((s) => s.file.endsWith('secret.md'))?.reason).toMatch(/symbolic link to .*secret\.md, outside the corpus folder/);
      expect(lines.find((l) => l.msg === 'skipped corpus file' && String(l.file).endsWith('secret.md'))?.reason).toMatch(
        /outside the corpus folder/,
      );
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('loadCorpus', () => {
  it('loads good files and skips each bad one with its reason', async () => {
    const { articles, skipped } = await loadCorpus(path.join(FIXTURES, 'corpus-bad'));
    expect(articles.map((a) => a.id)).toEqual(['good']);
    const reasons = Object.fromEntries(skipped.map((s) => [path.basename(s.file), s.reason]));
    expect(reasons['bad-yaml.md']).toMatch(/not valid YAML/);
    expect(reasons['no-title.md']).toMatch(/title/);
    expect(reasons['no-body.md']).toMatch(/body is empty/);
    expect(reasons['no-front-matter.md']).toMatch(/no front matter/);
    expect(reasons['bad-date.md']).toMatch(/published: must be an ISO date/);
    expect(Object.keys(reasons)).not.toContain('.hidden.md');
    expect(Object.keys(reasons)).not.toContain('readme.txt');
  });

  it('skips binary and oversized files and still loads the rest', async () => {
    const dir = await tempCorpusCopy(path.join(FIXTURES, 'corpus-small'));
    await writeFile(path.join(dir, 'binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff, 0x00]));
    await writeFile(path.join(dir, 'huge.md'), `---\ntitle: Huge\n---\n\n${'word '.repeat(500_000)}`);
    const { articles, skipped } = await loadCorpus(dir);
    expect(articles.map((a) => a.id).sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(skipped.find((s) => s.file.endsWith('binary.md'))?.reason).toMatch(/binary/);
    expect(skipped.find((s) => s.file.endsWith('huge.md'))?.reason).toMatch(/too large/);
  });

  it('logs one line per skipped file naming the file and the reason', async () => {
    const { logger, lines } = captureLogger();
    const { engine } = await openCorpus(path.join(FIXTURES, 'corpus-bad'), logger);
    expect(engine.articles).toHaveLength(1);
    const warnings = lines.filter((l) => l.msg === 'skipped corpus file');
    expect(warnings).toHaveLength(5);
    for (const w of warnings) {
      expect(w.file).toEqual(expect.stringContaining('.md'));
      expect(w.reason).toEqual(expect.any(String));
    }
  });

  it('keeps missing metadata missing rather than inventing it', async () => {
    const { articles } = await loadCorpus(path.join(FIXTURES, 'corpus-small'));
    const gamma = articles.find((a) => a.id === 'gamma');
    expect(gamma).toMatchObject({ title: 'Undated Note On Ferries' });
    expect(gamma?.published).toBeUndefined();
    expect(gamma?.source).toBeUndefined();
  });

  it.each([
    ['article.md', true],
    ['article.markdown', true],
    ['.hidden.md', false],
    ['article.md~', false],
    ['.article.md.swp', false],
    ['#article.md#', false],
    ['article.txt', false],
    ['article.md.tmp', false],
  ])('%s is an article file: %s', (name, expected) => {
    expect(isCandidateArticleFile(name)).toBe(expected);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps the order of the input and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapWithConcurrency(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async (i) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, (20 - i) % 4));
        running--;
        return i * 2;
      },
    );
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(most).toBe(3);
  });
});
