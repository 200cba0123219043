import { describe, expect, it } from 'vitest';
import { createEngine, type EngineOptions } from '../../src/core/engine.ts';
import { answerTypeWords } from '../../src/core/question-kind.ts';
import type { Article } from '../../src/core/types.ts';

/** One article per passage, so each test reads as "query → the passage that should win". */
function engineOver(texts: Record<string, string>, options: EngineOptions = {}) {
  const articles: Article[] = Object.entries(texts).map(([id, body]) => ({ id, title: id, body }));
  return createEngine(articles, options);
}
const topArticle = (engine: ReturnType<typeof engineOver>, q: string) => engine.answer(q, { top: 5 }).results[0]?.article.id;

// Filler passages make the question's words rare enough to carry weight, as in a real corpus.
const FILLER = {
  f1: 'The weather was mild all week and the markets were calm.',
  f2: 'Local schools reopened after the holidays with new teachers.',
  f3: 'A new bakery opened on the high street to long queues.',
  f4: 'Commuters faced delays on the northern line on Monday morning.',
};

describe('re-ranking by how closely a passage holds the question', () => {
  it('prefers the question words together over the same words scattered', () => {
    // The same words in both passages, only in another order: one says "storm", "lighthouse" and
    // "harbour" in one breath, as a passage that answers does. (The scattered one wins a tie on id.)
    const engine = engineOver(
      {
        ...FILLER,
        'b-close':
          'Fishermen said a storm hit lighthouse and harbour alike, then sailors, merchants, clerks and children gathered on quay for weeks.',
        'a-scattered':
          'Fishermen said a storm hit, then sailors, merchants, clerks and children gathered on quay for weeks; lighthouse and harbour alike.',
      },
      { passages: { nearDuplicateThreshold: 1 } },
    ); // this alike, they would count as wire copies of each other
    expect(topArticle(engine, 'which harbour lighthouse did the storm damage')).toBe('b-close');
  });

  it('prefers a question phrase as written ("Red Cross") over its words apart', () => {
    // The same words, equally close; only one has "the Red Cross" side by side, as the question does.
    const engine = engineOver({
      ...FILLER,
      'b-phrase': 'Volunteers of the Red Cross helped refugees at the border hospital.',
      'a-apart': 'Red volunteers of the Cross helped refugees at the border hospital.',
    });
    expect(topArticle(engine, 'which hospital did the Red Cross volunteers help')).toBe('b-phrase');
  });

  it('prefers the word as typed ("elected") over another form of it ("elects")', () => {
    // Both match the stem "elect"; people asking after a passage usually reuse its own word form.
    const engine = engineOver({
      ...FILLER,
      typed: 'The council elected a new mayor in a close vote last spring.',
      inflected: 'The council elects a new mayor in a close vote each spring.',
    });
    expect(topArticle(engine, 'when was the new mayor elected by the council')).toBe('typed');
  });

  it('lets "year" in "what year" weigh little: the passage about the building wins', () => {
    // "year" says what kind of answer is wanted (a date); the passage that has "year" but says
    // nothing of the building must not win on it.
    const engine = engineOver({
      ...FILLER,
      'b-built': 'The bridge was built of grey stone blocks in 1932.',
      'a-yearly': 'Every year the bridge hosts a fair.',
    });
    expect(topArticle(engine, 'What year was the bridge built?')).toBe('b-built');
  });

  it('counts a synonym from the synonym list like the word as typed', () => {
    // "directive" and "halt" are declared synonyms of "order" and "pause": the passage that has both
    // must not lose to one that only repeats "ordered" as typed.
    const engine = engineOver(
      {
        ...FILLER,
        synonym: 'The directive to halt the strikes was issued by the defence minister on Friday.',
        typed: 'Officials said they ordered new equipment for the army on Friday.',
      },
      {
        analyzer: {
          synonyms: [
            ['order', 'directive'],
            ['halt', 'pause'],
          ],
        },
      },
    );
    expect(topArticle(engine, 'who ordered the pause')).toBe('synonym');
  });
});

describe('answer-type words', () => {
  it.each([
    ['How many bridges cross the Rhine?', ['many']],
    ['What year did the war end?', ['year']],
    ['What is the name of the largest lake?', ['name']],
    ['What is the lake called?', ['called']],
    ['Who built the bridge?', []],
  ])('%s → %j', (question, words) => {
    expect([...answerTypeWords(question)]).toEqual(words);
  });
});
