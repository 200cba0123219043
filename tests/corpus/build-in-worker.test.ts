import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, type EngineOptions } from '../../src/core/engine.ts';
import { buildEngineInWorker } from '../../src/corpus/build-in-worker.ts';
import { startLiveCorpus } from '../../src/corpus/live-corpus.ts';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { loadSynonyms } from '../../src/corpus/load-synonyms.ts';
import { openCorpus } from '../../src/corpus/open-corpus.ts';
import { BUNDLED_CORPUS, captureLogger, tempCorpusCopy } from '../helpers.ts';

const QUESTIONS = ['who ordered the pause', 'how long will the pause last', 'who orderd the halt', 'what is the capital of France'];

describe('building the engine in a worker thread', () => {
  it('gives an engine that answers exactly like one built here', async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    const options: EngineOptions = { analyzer: { synonyms: await loadSynonyms(BUNDLED_CORPUS) } };
    const here = createEngine(articles, options);
    const { engine } = await buildEngineInWorker(articles, options);
    expect(engine.passages).toEqual(here.passages);
    for (const q of QUESTIONS) expect(engine.answer(q, { top: 5 }), q).toEqual(here.answer(q, { top: 5 }));
  });

  it('writes the index cache from the worker, which the next open uses', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    const { logger } = captureLogger();
    expect((await openCorpus(dir, logger, { workerFrom: 0 })).index).toBe('built');
    expect((await readdir(path.join(dir, '.brief-cache'))).sort()).toEqual(['files.json', 'index.jsonl']);
    const again = await openCorpus(dir, logger);
    expect(again.index).toBe('cache');
    expect(again.engine.answer(QUESTIONS[0]!).confident).toBe(true);
  });

  it('hands back a one-passage index too', async () => {
    const articles = [{ id: 'one', title: 'One', body: 'The pause was lifted on Friday.' }];
    const { engine } = await buildEngineInWorker(articles, {});
    expect(engine.answer('when was the pause lifted').results[0]?.passage.articleId).toBe('one');
  });

  it('stops the worker when aborted (shutting down) or when it takes too long', async () => {
    const { articles } = await loadCorpus(BUNDLED_CORPUS);
    const controller = new AbortController();
    const aborted = buildEngineInWorker(articles, {}, undefined, { signal: controller.signal });
    controller.abort(new Error('shutting down'));
    await expect(aborted).rejects.toThrow('shutting down');
    await expect(buildEngineInWorker(articles, {}, undefined, { timeoutMs: 1 })).rejects.toThrow(/took longer than 1 ms/);
  });

  it('falls back to building here, with a warning, when the worker cannot take the job', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    const { logger, lines } = captureLogger();
    // A function cannot be copied to a worker thread.
    const engine = { unclonable: () => 1 } as unknown as EngineOptions;
    const opened = await openCorpus(dir, logger, { workerFrom: 0, indexCache: false, engine });
    expect(opened.engine.answer('pause').totalMatches).toBeGreaterThan(0);
    expect(lines.some((l) => l.msg === 'building the index in a worker thread failed; building it here')).toBe(true);
  });

  it('the live corpus re-indexes in a worker and keeps serving the previous engine meanwhile', async () => {
    const dir = await tempCorpusCopy(BUNDLED_CORPUS);
    const { logger } = captureLogger();
    const live = startLiveCorpus(dir, logger, { workerFrom: 0, watch: { debounceMs: 10, settleMs: 50, rescanMs: 60_000 } });
    try {
      const first = await live.ready;
      await writeFile(
        path.join(dir, 'new.md'),
        '---\ntitle: The Pause Is Lifted\n---\n\nThe pause was lifted on Friday by the new director.\n',
      );
      let current = live.current();
      for (let i = 0; i < 200 && current === first; i++) {
        expect(current?.engine.answer(QUESTIONS[0]!).confident).toBe(true);
        await live.rescan();
        await new Promise((r) => setTimeout(r, 25));
        current = live.current();
      }
      expect(current?.engine.article('new')?.title).toBe('The Pause Is Lifted');
    } finally {
      live.stop();
    }
  });
});
