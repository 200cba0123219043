/**
 * Which articles to announce, decided by comparing the corpus as it is now with what Brief has
 * already seen (content hashes) and announced (the text of that version). Reconciling instead of
 * reacting to file events means a restart, a missed event or a crash all end in the same answer.
 * Pure: the hashes and the remembered versions come in, the next ones go out.
 */
import { articleVersion, compareVersions, type ArticleVersion } from './article-changes.ts';
import { articleToPassages } from './passages.ts';
import type { StoryRelation } from './story-placement.ts';
import { splitSentences } from './text.ts';
import type { Article, Passage } from './types.ts';

/** Per article id: the content hash last processed, and the hash of the version last announced (or recorded at first start). */
export interface KnownArticle {
  seen: string;
  basis: string;
}

/** The text of an article's `basis` version, to tell a typo fix from news later. */
export interface VersionSnapshot extends ArticleVersion {
  hash: string;
}

export interface ArticleAlert {
  kind: 'new' | 'update';
  article: Article;
  /** Content hash of the version announced. */
  hash: string;
  /** The article's first passage. */
  lead?: string;
  /** New: passages no earlier article carried. Update: passages with sentences the last announced version did not have. */
  fresh: { position: number; text: string }[];
  /** How many passages the article has. */
  passages: number;
  /** Earlier articles that carried some of its passages. */
  alsoCoveredBy: Article[];
  /** Update only: sentences of the announced version that are gone. */
  removedSentences: number;
  /** Earlier claims it contradicts or (disputed ones) confirms; absent when no placement was asked for. */
  relations?: StoryRelation[];
}

export interface AlertPlanInput {
  /** The corpus as indexed now: articles oldest first, passages with `alsoIn`. */
  engine: { articles: readonly Article[]; passages: readonly Passage[]; article(id: string): Article | undefined };
  hashes: ReadonlyMap<string, string>;
  known: Readonly<Record<string, KnownArticle>>;
  versions: Readonly<Record<string, VersionSnapshot>>;
  /** First start: record everything as seen and announce nothing. */
  baseline: boolean;
  /**
   * `articleVersion(article)` of articles, worked out beforehand (it splits every sentence: 4.6 s
   * for 17,800 articles, which the caller can spread over event-loop turns). Any missing is worked out here.
   */
  articleVersions?: ReadonlyMap<string, ArticleVersion>;
  /**
   * `articleToPassages(article)` of articles, worked out beforehand for the same reason (a 2 MB
   * article takes about 0.2 s). Any missing is worked out here.
   */
  articlePassages?: ReadonlyMap<string, readonly Passage[]>;
  /** Places an announced article in the story (what it confirms or contradicts); see `placeInStory`. Default none. */
  placeInStory?: (article: Article) => StoryRelation[];
}

/** The articles whose version planArticleAlerts may need: new or changed since last seen, or without a stored snapshot. */
export function articlesNeedingVersions(input: Pick<AlertPlanInput, 'engine' | 'hashes' | 'known' | 'versions'>): Article[] {
  return input.engine.articles.filter((a) => {
    const hash = input.hashes.get(a.id);
    return hash !== undefined && (input.known[a.id]?.seen !== hash || !input.versions[a.id]);
  });
}

export interface AlertPlan {
  alerts: ArticleAlert[];
  /** The next `known`: deleted articles stay, so one that comes back is not announced again. */
  known: Record<string, KnownArticle>;
  /** Snapshots to (re)write. */
  versions: Record<string, VersionSnapshot>;
  /** Articles whose text changed without substance (typo fixes, metadata): re-indexed, not announced. */
  quiet: string[];
}

interface PassageLinks {
  own: Map<string, Passage[]>;
  carried: Map<string, Passage[]>;
}

function linkPassages(passages: readonly Passage[]): PassageLinks {
  const own = new Map<string, Passage[]>();
  const carried = new Map<string, Passage[]>();
  const push = (map: Map<string, Passage[]>, key: string, p: Passage) => {
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  };
  for (const p of passages) {
    push(own, p.articleId, p);
    for (const other of p.alsoIn) push(carried, other, p);
  }
  return { own, carried };
}

/** Earlier articles (already known, or before it in this batch) that carried any of its passages. */
function coveredBy(id: string, links: PassageLinks, earlier: ReadonlySet<string>): string[] {
  const ids = new Set<string>();
  for (const p of links.own.get(id) ?? []) for (const other of p.alsoIn) if (earlier.has(other)) ids.add(other);
  for (const k of links.carried.get(id) ?? [])
    for (const other of [k.articleId, ...k.alsoIn]) if (other !== id && earlier.has(other)) ids.add(other);
  return [...ids];
}

function newArticleAlert(
  article: Article,
  hash: string,
  links: PassageLinks,
  earlier: ReadonlySet<string>,
  lookUp: AlertPlanInput['engine']['article'],
  all: readonly Passage[],
): ArticleAlert {
  const fresh = (links.own.get(article.id) ?? [])
    .filter((p) => !p.alsoIn.some((o) => earlier.has(o)))
    .map((p) => ({ position: p.position, text: p.text }));
  const alsoCoveredBy = coveredBy(article.id, links, earlier)
    .map(lookUp)
    .filter((a): a is Article => !!a);
  return {
    kind: 'new',
    article,
    hash,
    ...(all[0] ? { lead: all[0].text } : {}),
    fresh,
    passages: all.length,
    alsoCoveredBy,
    removedSentences: 0,
  };
}

function updateAlert(base: ArticleAlert, before: VersionSnapshot | undefined, all: readonly Passage[], now: ArticleVersion): ArticleAlert {
  if (!before) return { ...base, kind: 'update', fresh: all.map((p) => ({ position: p.position, text: p.text })) };
  const change = compareVersions(before, now);
  const added = new Set(change.added);
  const fresh = all.filter((p) => splitSentences(p.text).some((s) => added.has(s))).map((p) => ({ position: p.position, text: p.text }));
  return { ...base, kind: 'update', fresh, removedSentences: change.removed };
}

/** True when the article changed in substance since its basis version (unknown basis: assume it did). */
function isSubstantive(now: () => ArticleVersion, before: VersionSnapshot | undefined): boolean {
  return !before || compareVersions(before, now()).substantive;
}

export function planArticleAlerts(input: AlertPlanInput): AlertPlan {
  const { engine, hashes, known, versions, baseline } = input;
  const links = linkPassages(engine.passages);
  const earlier = new Set(Object.keys(known));
  const plan: AlertPlan = { alerts: [], known: { ...known }, versions: {}, quiet: [] };
  const versionOf = (a: Article): ArticleVersion => input.articleVersions?.get(a.id) ?? articleVersion(a);
  const snapshot = (a: Article, hash: string): VersionSnapshot => ({ hash, ...versionOf(a) });
  for (const article of engine.articles) {
    const hash = hashes.get(article.id);
    if (hash === undefined) continue;
    const was = known[article.id];
    const before = was && versions[article.id]?.hash === was.basis ? versions[article.id] : undefined;
    if (was?.seen === hash) {
      // Self-heal a snapshot lost to a crash between the two state files.
      if (was.basis === hash && !before) plan.versions[article.id] = snapshot(article, hash);
    } else if (was && !isSubstantive(() => versionOf(article), before)) {
      plan.known[article.id] = { seen: hash, basis: was.basis };
      plan.quiet.push(article.id);
    } else {
      plan.known[article.id] = { seen: hash, basis: hash };
      plan.versions[article.id] = snapshot(article, hash);
      if (!baseline) {
        const all = input.articlePassages?.get(article.id) ?? articleToPassages(article);
        const alert = newArticleAlert(article, hash, links, earlier, engine.article, all);
        const relations = input.placeInStory?.(article) ?? [];
        const placed = relations.length ? { ...alert, relations } : alert;
        plan.alerts.push(was ? updateAlert(placed, before, all, versionOf(article)) : placed);
      }
    }
    earlier.add(article.id);
  }
  return plan;
}
