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

/** Every `from '…'` specifier of the .ts files under src/<folder>, with the file it is in. */
async function importsOf(folder: string): Promise<{ file: string; spec: string; target: string }[]> {
  const dir = path.join(ROOT, 'src', folder);
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts'));
  const out: { file: string; spec: string; target: string }[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\()\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1]!;
      const target = spec.startsWith('.') ? path.relative(path.join(ROOT, 'src'), path.resolve(dir, path.dirname(file), spec)) : spec;
      out.push({ file: `${folder}/${file}`, spec, target });
    }
  }
  return out;
}

describe('the edges stay apart', () => {
  it('src/slack and src/cli never import each other; shared wording lives in src/render', async () => {
    const slack = await importsOf('slack');
    const cli = await importsOf('cli');
    expect(slack.length).toBeGreaterThan(10);
    expect(cli.length).toBeGreaterThan(5);
    const offences = [
      ...slack.filter((i) => i.target.startsWith('cli/') || i.target === 'cli.ts'),
      ...cli.filter((i) => i.target.startsWith('slack/')),
    ].map((i) => `${i.file} imports ${i.spec}`);
    expect(offences).toEqual([]);
  });

  it('src/render is pure: it imports only the core and itself', async () => {
    const render = await importsOf('render');
    expect(render.length).toBeGreaterThan(3);
    const offences = render
      .filter((i) => !i.target.startsWith('core/') && !i.target.startsWith('render/'))
      .map((i) => `${i.file} imports ${i.spec}`);
    expect(offences).toEqual([]);
  });
});

/**
 * Files outside src/corpus and src/state that may import node:fs, each for a file the user names,
 * never the corpus folder's articles. A new entry needs a reason as good as these.
 */
const FS_ALLOWED: Record<string, string> = {
  'ingest/read-input.ts': 'reads the PATH given to `brief ingest PATH` (a file the user names)',
  'ingest/feed-poller.ts': 'reads the FEEDS file, re-read on every poll',
  'cli/eval.ts': 'reads the question file given to `brief eval`',
  'startup-errors.ts': 'stats CORPUS_DIR and STATE_DIR at start to name their problems; reads no file in them',
};

const NODE_FS = /^(node:)?fs(\/promises)?$/;
/** The loader's own parts: how the corpus folder is listed and read. */
const CORPUS_READERS = ['corpus/load-corpus.ts', 'corpus/corpus-files.ts'];

describe('only src/corpus reads the corpus folder', () => {
  it('imports node:fs only in src/corpus, src/state and the named input readers', async () => {
    const all = (await importsOf('.')).map((i) => ({ ...i, file: path.normalize(i.file) }));
    expect(all.length).toBeGreaterThan(100);
    const outside = all.filter((i) => !i.file.startsWith('corpus/') && !i.file.startsWith('state/'));
    const offences = outside.filter((i) => NODE_FS.test(i.spec) && !(i.file in FS_ALLOWED)).map((i) => `${i.file} imports ${i.spec}`);
    expect(offences).toEqual([]);
    // An allowed file that no longer needs fs leaves the list.
    const users = new Set(outside.filter((i) => NODE_FS.test(i.spec)).map((i) => i.file));
    expect(Object.keys(FS_ALLOWED).filter((file) => !users.has(file))).toEqual([]);
  });

  it('lists and reads corpus files only through src/corpus: nothing else imports its readers', async () => {
    const all = (await importsOf('.')).map((i) => ({ ...i, file: path.normalize(i.file) }));
    const offences = all
      .filter((i) => !i.file.startsWith('corpus/') && CORPUS_READERS.includes(i.target))
      .map((i) => `${i.file} imports ${i.spec}`);
    expect(offences).toEqual([]);
  });
});
