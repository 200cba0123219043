import { describe, expect, it } from 'vitest';
import { articleVersion, compareVersions, isSameSentence } from '../../src/core/article-changes.ts';
import { planArticleAlerts, type KnownArticle, type VersionSnapshot } from '../../src/core/article-alerts.ts';
import { createEngine } from '../../src/core/engine.ts';
import type { Article } from '../../src/core/types.ts';
import { findWatchHits } from '../../src/core/watch-hits.ts';

const bridge: Article = {
  id: 'bridge',
  title: 'Council Approves New Bridge',
  source: 'Tam Valley Gazette',
  published: '2024-05-02',
  url: 'https://example.com/bridge',
  body: 'The city council approved the new bridge on Tuesday by a vote of seven to two.\n\nThe bridge will take three years to build and cost 40 million dollars.',
};
const protest: Article = {
  id: 'protest',
  title: 'Bridge Plan Draws Protest',
  source: 'River Times',
  published: '2024-05-04',
  body: 'Residents marched to city hall on Saturday to protest the bridge plan.\n\nThe bridge will take three years to build and cost 40 million dollars.',
};

/** Plans against a corpus, with hashes standing in for content hashes. */
function plan(
  articles: Article[],
  state: { known?: Record<string, KnownArticle>; versions?: Record<string, VersionSnapshot>; baseline?: boolean } = {},
) {
  const engine = createEngine(articles);
  const hashes = new Map(articles.map((a) => [a.id, `${a.title}|${a.body}`]));
  return planArticleAlerts({ engine, hashes, known: state.known ?? {}, versions: state.versions ?? {}, baseline: state.baseline ?? false });
}

describe('typo fix or news', () => {
  it('treats punctuation, case and a corrected misspelling as the same sentence', () => {
    expect(isSameSentence('The Pentagno halted the operations.', 'the Pentagon halted the operations')).toBe(true);
  });

  it('treats a changed number, a changed name or an added word as a different sentence', () => {
    expect(isSameSentence('The pause will last 30 days.', 'The pause will last 60 days.')).toBe(false);
    expect(isSameSentence('Hegseth ordered the pause.', 'Waltz ordered the pause.')).toBe(false);
    expect(isSameSentence('The pause will last.', 'The pause will not last.')).toBe(false);
  });

  it('calls an edited article substantive only when a sentence is added, removed or reworded', () => {
    const before = articleVersion(bridge);
    expect(compareVersions(before, articleVersion({ ...bridge, body: bridge.body.replace('approved', 'aproved') })).substantive).toBe(
      false,
    );
    const added = compareVersions(before, articleVersion({ ...bridge, body: `${bridge.body} The mayor objected.` }));
    expect(added).toMatchObject({ substantive: true, added: ['The mayor objected.'], removed: 0 });
    expect(
      compareVersions(before, articleVersion({ ...bridge, body: 'The bridge will take three years to build and cost 40 million dollars.' }))
        .removed,
    ).toBe(1);
  });
});

describe('planArticleAlerts', () => {
  it('records the corpus as seen at first start and announces nothing', () => {
    const first = plan([bridge, protest], { baseline: true });
    expect(first.alerts).toEqual([]);
    expect(Object.keys(first.known).sort()).toEqual(['bridge', 'protest']);
    expect(Object.keys(first.versions).sort()).toEqual(['bridge', 'protest']);
  });

  it('announces a new article with what is new and who covered the rest', () => {
    const first = plan([bridge], { baseline: true });
    const next = plan([bridge, protest], { known: first.known, versions: first.versions });
    expect(next.alerts).toHaveLength(1);
    const [alert] = next.alerts;
    expect(alert).toMatchObject({
      kind: 'new',
      lead: 'Residents marched to city hall on Saturday to protest the bridge plan.',
      passages: 2,
    });
    // The cost paragraph was carried by the earlier bridge article: not new, and it names that article.
    expect(alert!.fresh.map((p) => p.text)).toEqual(['Residents marched to city hall on Saturday to protest the bridge plan.']);
    expect(alert!.alsoCoveredBy.map((a) => a.id)).toEqual(['bridge']);
  });

  it("counts a backdated newcomer's repeated passages as not new, though it sorts first", () => {
    const first = plan([protest], { baseline: true });
    const next = plan([protest, bridge], { known: first.known, versions: first.versions });
    expect(next.alerts[0]?.fresh.map((p) => p.position)).toEqual([0]);
    expect(next.alerts[0]?.alsoCoveredBy.map((a) => a.id)).toEqual(['protest']);
  });

  it('re-indexes a typo fix quietly and announces a substantive change as an update', () => {
    const first = plan([bridge], { baseline: true });
    const typo = { ...bridge, body: bridge.body.replace('approved', 'aproved') };
    const quiet = plan([typo], { known: first.known, versions: first.versions });
    expect(quiet.alerts).toEqual([]);
    expect(quiet.quiet).toEqual(['bridge']);
    const news = { ...typo, body: `${typo.body}\n\nThe vote was later annulled by a court.` };
    const update = plan([news], { known: quiet.known, versions: { ...first.versions, ...quiet.versions } });
    expect(update.alerts).toHaveLength(1);
    expect(update.alerts[0]).toMatchObject({ kind: 'update', fresh: [{ position: 2, text: 'The vote was later annulled by a court.' }] });
  });

  it('keeps a deleted article in memory, so putting it back announces nothing', () => {
    const first = plan([bridge, protest], { baseline: true });
    const deleted = plan([bridge], { known: first.known, versions: first.versions });
    expect(deleted.alerts).toEqual([]);
    expect(deleted.known.protest).toBeDefined();
    expect(plan([bridge, protest], { known: deleted.known, versions: first.versions }).alerts).toEqual([]);
  });

  it('rebuilds a lost version snapshot of an unchanged article', () => {
    const first = plan([bridge], { baseline: true });
    expect(Object.keys(plan([bridge], { known: first.known, versions: {} }).versions)).toEqual(['bridge']);
  });
});

describe('findWatchHits', () => {
  it('fires when a new article gives the confident answer, not otherwise', () => {
    const engine = createEngine([bridge, protest]);
    const watches = [
      { id: 1, channel: 'C1', question: 'why did residents march to city hall' },
      { id: 2, channel: 'C1', question: 'what is the capital of France' },
    ];
    const hits = findWatchHits((q) => engine.answer(q), watches, new Set(['protest']));
    expect(hits.map((h) => [h.watch.id, h.articleId])).toEqual([[1, 'protest']]);
    expect(findWatchHits((q) => engine.answer(q), watches, new Set(['bridge']))).toEqual([]);
  });
});
