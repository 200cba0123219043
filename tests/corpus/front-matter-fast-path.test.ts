import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseSimpleFrontMatter } from '../../src/corpus/article-file.ts';

// The fast path must give exactly what YAML gives, or step aside (undefined) for YAML to decide.
const CASES = [
  'title: Hello world',
  'title: "Quoted: yes"',
  'title: a: b',
  'title: x #c',
  'title: C# news',
  'title: 2025',
  'published: 2025-03-03',
  'url: https://e.com/a?b=1&c=2',
  "title: 'single'",
  'title: [a]',
  'title: - x',
  'title: yes',
  'title: x\nsource: The Record',
  'title: "esc \\" q"',
  'title: ',
  'title: a #b',
  'title: *ref',
  'title: 1e5',
  'title: .5',
  'title: Pentagon Halts U.S. Cyber Offensive Attacks On Russia, Policy Shift Sparks Debate',
  'title: ends with colon:',
  'title: x\n  continued',
  '__proto__: x',
  'title: null',
  'title: ~',
];

describe('front matter fast path', () => {
  it.each(CASES)('%j reads as YAML reads it, or is left to YAML', (text) => {
    const fast = parseSimpleFrontMatter(text);
    if (fast !== undefined) expect(fast).toEqual(parse(text));
  });

  it('takes the front matter Brief itself writes', () => {
    expect(parseSimpleFrontMatter('title: Pentagon Halts U.S. Cyber Offensive\npublished: 2025-03-03\nsource: "The Record"')).toEqual({
      title: 'Pentagon Halts U.S. Cyber Offensive',
      published: '2025-03-03',
      source: 'The Record',
    });
  });
});
