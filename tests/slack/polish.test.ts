/** Issue 15, item 14 and the renderer halves of items 5 and 9: wording and escaping details users saw. */
import { describe, expect, it } from 'vitest';
import { planArticleAlerts, type KnownArticle, type VersionSnapshot } from '../../src/core/article-alerts.ts';
import { articleVersion, compareVersions } from '../../src/core/article-changes.ts';
import { createEngine } from '../../src/core/engine.ts';
import { stripSlackMarkup } from '../../src/core/text.ts';
import type { Article } from '../../src/core/types.ts';
import { findWatchHits } from '../../src/core/watch-hits.ts';
import { composeAlertDrafts } from '../../src/slack/alerts/compose-alerts.ts';
import { articleAlertToBlocks, articleAlertToText, digestToBlocks, watchHitToBlocks } from '../../src/slack/blocks/alert-blocks.ts';
import { answerToBlocks, answerToText } from '../../src/slack/blocks/answer-blocks.ts';
import { mrkdwnLink, plainUrl } from '../../src/slack/blocks/escape.ts';
import { helpToBlocks, helpToText } from '../../src/slack/blocks/help-blocks.ts';
import { allText } from './harness.ts';
import { strayAngles } from './markup.ts';

const bridge: Article = {
  id: 'bridge',
  title: 'Council Approves New Bridge',
  source: 'Tam Valley Gazette',
  published: '2024-05-02',
  url: 'https://example.com/bridge',
  body: 'The city council approved the new bridge on Tuesday by a vote of seven to two.\n\nThe bridge will take three years to build and cost 40 million dollars.',
};

function plan(
  articles: Article[],
  state: { known?: Record<string, KnownArticle>; versions?: Record<string, VersionSnapshot>; baseline?: boolean } = {},
) {
  const engine = createEngine(articles);
  const hashes = new Map(articles.map((a) => [a.id, `${a.title}|${a.body}`]));
  return {
    engine,
    ...planArticleAlerts({ engine, hashes, known: state.known ?? {}, versions: state.versions ?? {}, baseline: state.baseline ?? false }),
  };
}

describe('help and footers go through the escape function (item 5)', () => {
  it('shows <question> and <n> as text in help, fallback text and the digest footer', () => {
    const help = helpToBlocks({ subcommands: [{ usage: 'unwatch <n>', description: 'stop one' }], corpus: { articles: 2 } });
    expect(strayAngles(allText(help))).toEqual([]);
    expect(allText(help)).toContain('/brief &lt;question&gt;');
    expect(strayAngles(helpToText())).toEqual([]);
    expect(helpToText()).toContain('/brief &lt;question&gt;');
    const { alerts } = plan([bridge, { ...bridge, id: 'b2', title: 'Second' }], { known: {} });
    expect(strayAngles(allText(digestToBlocks(alerts)))).toEqual([]);
  });
});

describe('alert wording (item 14)', () => {
  it('does not say "the rest repeats" for an article of one passage', () => {
    const first = plan([bridge], { baseline: true });
    const single: Article = { id: 'single', title: 'One Para', body: 'Ferries will keep running while the bridge is built.' };
    const { alerts } = plan([bridge, single], { known: first.known, versions: first.versions });
    const text = allText(articleAlertToBlocks(alerts[0]!));
    expect(text).not.toMatch(/the rest repeats/);
    expect(text).toMatch(/one passage above, and it is new/);
  });

  it('reports a reworded sentence as changed, not as removed', () => {
    const before = articleVersion(bridge);
    const reworded = {
      ...bridge,
      body: bridge.body.replace('on Tuesday by a vote of seven to two', 'on Tuesday night by a vote of eight to one'),
    };
    expect(compareVersions(before, articleVersion(reworded))).toMatchObject({ substantive: true, removed: 0, reworded: 1 });
    const first = plan([bridge], { baseline: true });
    const { alerts } = plan([reworded], { known: first.known, versions: first.versions });
    const text = allText(articleAlertToBlocks(alerts[0]!));
    expect(text).toMatch(/What changed/);
    expect(text).toContain('eight to one');
    expect(text).not.toMatch(/sentences? removed/);
    // A sentence really taken out still counts.
    const cut = { ...bridge, body: 'The bridge will take three years to build and cost 40 million dollars.' };
    expect(compareVersions(before, articleVersion(cut))).toMatchObject({ removed: 1, reworded: 0 });
  });

  it('keeps a title with asterisks inside the bold headline', () => {
    const starred = { ...bridge, id: 'star', title: 'Bridge *now* open' };
    expect(mrkdwnLink(starred.url, starred.title)).toBe('<https://example.com/bridge|Bridge ∗now∗ open>');
    const { alerts } = plan([starred]);
    const headline = (articleAlertToBlocks(alerts[0]!)[0] as { text: { text: string } }).text.text;
    expect(headline).toBe('New in the corpus: *<https://example.com/bridge|Bridge ∗now∗ open>*');
  });

  it('keeps a URL with <, > or | the same URL in fallback text', () => {
    const odd = { ...bridge, id: 'odd', url: 'https://example.com/a?q=<x>|y&z=1' };
    expect(plainUrl(odd.url)).toBe('https://example.com/a?q=%3Cx%3E%7Cy&amp;z=1');
    expect(decodeURIComponent(plainUrl(odd.url).replace(/&amp;/g, '&'))).toBe(odd.url);
    const { alerts, engine } = plan([odd]);
    expect(articleAlertToText(alerts[0]!)).toContain('https://example.com/a?q=%3Cx%3E%7Cy&amp;z=1');
    const answer = engine.answer('council approved bridge');
    expect(answerToText(answer)).toContain('https://example.com/a?q=%3Cx%3E%7Cy&amp;z=1');
  });
});

describe('watch posts for an updated article (item 9)', () => {
  it('say an updated article answers, not a new one', () => {
    const vague = { ...bridge, body: 'The city council met on Tuesday.' };
    const first = plan([vague], { baseline: true });
    const { alerts, engine } = plan([bridge], { known: first.known, versions: first.versions });
    expect(alerts[0]?.kind).toBe('update');
    const hits = findWatchHits(
      (q) => engine.answer(q),
      [{ id: 3, channel: 'C1', question: 'how much will the bridge cost' }],
      new Set(['bridge']),
    );
    expect(hits).toHaveLength(1);
    const [draft] = composeAlertDrafts({ alerts, hits, channels: [] });
    expect(allText(draft!.message)).toMatch(/An updated article now answers watched question #3/);
    expect(allText(draft!.message)).not.toMatch(/A new article/);
    expect(allText(watchHitToBlocks(hits[0]!))).toMatch(/A new article answers watched question #3/);
  });
});

describe('a link pasted into a question (item 14)', () => {
  const words = (s: string) => stripSlackMarkup(s).replace(/\s+/g, ' ').trim();
  it("does not count a pasted link's address as question words", () => {
    expect(words('see <https://x.example/cost-report>')).toBe('see');
    expect(words('what does <https://x.example/cost-report|x.example/cost-report> say')).toBe('what does say');
    expect(words('mail <mailto:desk@x.example|desk@x.example> today')).toBe('mail today');
    expect(words('ask <#C123|general> about <@U1>')).toBe('ask general about');
    // A word the user formatted as a link is still their word (engine.test.ts: "reads words out of Slack markup").
    expect(words('who ordered the <https://example.com|pause>')).toBe('who ordered the pause');
    const engine = createEngine([bridge]);
    const answer = engine.answer('how long will the bridge take <https://cost-report.example.org/2024/bridge-plan>');
    expect(answer.unknownTerms.filter((w) => /https|example|org|2024|report|plan/.test(w))).toEqual([]);
    expect(answer.question).not.toMatch(/example|https/);
  });
});

describe('the question on private answers (item 7)', () => {
  it('is shown above the answer, escaped, when asked for', () => {
    const engine = createEngine([bridge]);
    const ctx = { corpus: { articles: 1, loadedAt: '2025-03-03T10:00:00Z' }, articleTitle: (id: string) => engine.article(id) };
    const blocks = answerToBlocks(engine.answer('how much will the bridge cost <!channel>?'), { ...ctx, showQuestion: true });
    expect((blocks[0] as { elements: { text: string }[] }).elements[0]!.text).toMatch(/^\*You asked:\* _how much will the bridge cost/);
    expect(strayAngles(allText(blocks))).toEqual([]);
    expect(allText(answerToBlocks(engine.answer('how much will the bridge cost'), ctx)[0])).not.toMatch(/You asked/);
  });
});
