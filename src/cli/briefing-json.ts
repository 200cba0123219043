/** Briefing → the one JSON object `npm run briefing -- --json` prints. Pure; missing fields are null, never left out. */
import type { Briefing, Citation, ClaimSide, KeyPoint, OpenQuestion } from '../core/briefing-types.ts';

export interface JsonCitation {
  title: string;
  source: string | null;
  published: string | null;
  url: string | null;
}
export interface JsonSide {
  text: string;
  citation: JsonCitation;
  stance: ClaimSide['stance'];
}

export function citationJson(c: Citation): JsonCitation {
  return { title: c.title, source: c.source ?? null, published: c.published ?? null, url: c.url ?? null };
}

const sideJson = (s: ClaimSide): JsonSide => ({ text: s.text, citation: citationJson(s.citation), stance: s.stance });

function keyPointJson(k: KeyPoint | OpenQuestion) {
  if (!('answer' in k))
    return { id: k.id, label: k.label, question: k.question, confident: false, text: null, citation: null, disputed: [] };
  return {
    id: k.id,
    label: k.label,
    question: k.question,
    confident: true,
    text: k.answer,
    citation: citationJson(k.citation),
    disputed: (k.disputed ?? []).map(sideJson),
    alsoReportedBy: (k.alsoReportedBy ?? []).map(citationJson),
  };
}

/** Key points in the standing questions' order when known (`order`: their ids), answered and open alike. */
export function briefingToJson(b: Briefing, order: readonly string[] = []) {
  const items: (KeyPoint | OpenQuestion)[] = [...b.keyPoints, ...b.openQuestions];
  const at = (id: string) => {
    const i = order.indexOf(id);
    return i < 0 ? order.length : i;
  };
  items.sort((x, y) => at(x.id) - at(y.id));
  return {
    story: b.story,
    asOf: b.asOf,
    articles: b.articleIds.length,
    outlets: b.outlets,
    keyPoints: items.map(keyPointJson),
    disputed: (b.disputed ?? []).map((d) => ({
      claim: sideJson(d.claim),
      against: d.against.map(sideJson),
      confirmedBy: (d.confirmedBy ?? []).map(sideJson),
      later: d.later,
    })),
    timeline: b.timeline.map((e) => ({
      date: e.date ?? null,
      text: e.text,
      first: e.first === true,
      sources: (e.sources ?? [e.citation]).map(citationJson),
    })),
    timelineTotal: b.timelineTotal ?? b.timeline.length,
    new: b.whatsNew.articles.map(citationJson),
    newSince: b.whatsNew.since ?? null,
    changedKeyPoints: b.whatsNew.keyPoints,
    ...(b.questionsProblem ? { questionsProblem: b.questionsProblem } : {}),
  };
}
