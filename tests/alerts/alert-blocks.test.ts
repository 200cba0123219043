import { describe, expect, it } from 'vitest';
import { planArticleAlerts } from '../../src/core/article-alerts.ts';
import { createEngine } from '../../src/core/engine.ts';
import type { Article } from '../../src/core/types.ts';
import {
  articleAlertToBlocks,
  articleAlertToText,
  digestToBlocks,
  digestToText,
  watchHitToBlocks,
} from '../../src/slack/blocks/alert-blocks.ts';
import { BLOCK_LIMITS } from '../../src/slack/blocks/limits.ts';
import { allText } from '../slack/harness.ts';
import { findWatchHits } from '../../src/core/watch-hits.ts';

const old: Article = {
  id: 'old',
  title: 'Pause Ordered',
  source: 'The Record',
  url: 'https://therecord.media/pause',
  published: '2025-03-02',
  body: 'Hegseth ordered the pause of cyber operations.',
};
const hostile: Article = {
  id: 'hostile',
  title: '<!channel> Pause <@U123> & more',
  source: 'Evil <https://evil.example|Times>',
  url: 'https://example.com/a?x=1&y=2',
  published: '2025-03-03',
  body: 'New paragraph with <!here> and <https://evil.example|a link>.\n\nHegseth ordered the pause of cyber operations.\n\nA second new paragraph about the duration.',
};

function alertsFor(added: Article[]) {
  const engine = createEngine([old, ...added]);
  const hashes = new Map(engine.articles.map((a) => [a.id, a.id]));
  return planArticleAlerts({ engine, hashes, known: { old: { seen: 'old', basis: 'old' } }, versions: {}, baseline: false }).alerts;
}

const checkLimits = (blocks: { type: string; text?: { text: string }; elements?: { text?: string }[] }[]) => {
  expect(blocks.length).toBeLessThanOrEqual(BLOCK_LIMITS.blocksPerMessage);
  for (const b of blocks) {
    if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.sectionText);
    for (const e of b.elements ?? []) expect(e.text?.length ?? 0).toBeLessThanOrEqual(BLOCK_LIMITS.contextText);
  }
};

describe('article alert', () => {
  const [alert] = alertsFor([hostile]);

  it('links the headline, gives outlet, date, lead, what is new and who else covered it', () => {
    const text = allText(articleAlertToBlocks(alert!));
    expect(text).toContain('New in the corpus: *<https://example.com/a?x=1&amp;y=2|&lt;!channel&gt; Pause &lt;@U123&gt; &amp; more>*');
    expect(text).toContain('3 Mar 2025');
    expect(text).toContain('also covered by <https://therecord.media/pause|The Record>');
    expect(text).toMatch(/What is new\* \(2 of 3 passages/);
    expect(text).toContain('A second new paragraph about the duration.');
  });

  it('escapes every corpus string, so no article can ping a channel or disguise a link', () => {
    const text = allText(articleAlertToBlocks(alert!)) + articleAlertToText(alert!);
    expect(text).not.toMatch(/<!channel>|<!here>|<@U123>|<https:\/\/evil/);
    expect(text).toContain('&lt;!here&gt;');
  });

  it('says so when every passage repeats the corpus', () => {
    const [copy] = alertsFor([{ ...old, id: 'copy', source: 'Copycat', published: '2025-03-04' }]);
    expect(allText(articleAlertToBlocks(copy!))).toMatch(/Nothing new: every passage repeats/);
  });
});

describe('digest', () => {
  it('lists 50 articles in one message within every limit', () => {
    const many = Array.from(
      { length: 50 },
      (_, i): Article => ({
        id: `a${i}`,
        title: `Story ${i} ${'headline '.repeat(15)}`,
        source: 'Wire',
        published: '2025-03-05',
        body: `Paragraph ${i} ${'words about the pause '.repeat(30)}`,
      }),
    );
    const alerts = alertsFor(many);
    const blocks = digestToBlocks(alerts);
    checkLimits(blocks as never);
    const text = allText(blocks);
    expect(text).toContain('50 articles added to the corpus');
    for (let i = 0; i < 50; i++) expect(text).toContain(`Story ${i} `);
    expect(digestToText(alerts).length).toBeLessThanOrEqual(BLOCK_LIMITS.messageText);
  });
});

describe('watch hit', () => {
  it('gives the answer sentence with its citation and how to stop the watch', () => {
    const engine = createEngine([old, hostile]);
    const [hit] = findWatchHits(
      (q) => engine.answer(q),
      [{ id: 4, channel: 'C1', question: 'what about the duration' }],
      new Set(['hostile']),
    );
    const text = allText(watchHitToBlocks(hit!));
    expect(text).toContain('watched question #4');
    expect(text).toMatch(/\*duration\*/);
    expect(text).toContain('<https://example.com/a?x=1&amp;y=2|');
    expect(text).toContain('/brief unwatch 4');
  });
});
