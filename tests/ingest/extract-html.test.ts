import { describe, expect, it } from 'vitest';
import { extractHtmlArticle } from '../../src/ingest/extract-html.ts';
import { ArticleInputError, htmlToArticle, markdownToArticle } from '../../src/ingest/to-article.ts';
import { fixture } from './web-server.ts';

describe('extractHtmlArticle', () => {
  it('keeps the article body and drops navigation, asides, footer, scripts and the byline', async () => {
    const page = extractHtmlArticle(await fixture('article.html'), 'https://ledger.example/story?id=1');
    expect(page.body).toMatch(/^_The Pentagon, seen from the air in 2024\._\n\nDefense Secretary Pete Hegseth ordered/);
    expect(page.body).toContain('\n\n## A review of the order\n\n');
    expect(page.body).toContain('Schumer said the decision was a "huge mistake" that would hand');
    expect(page.body).toMatch(/internal deliberations\.$/);
    for (const boilerplate of [
      'Subscribe now',
      'Related stories',
      'What the NSA does',
      'All rights reserved',
      'Privacy policy',
      'window.tracking',
      'By Dana Whitfield',
      'font-family',
    ]) {
      expect(page.body).not.toContain(boilerplate);
    }
    // The headline is the title, not a heading of its own body.
    expect(page.body).not.toContain('## Pentagon Pauses');
  });

  it('reads og:title, og:site_name, article:published_time, author and a relative canonical link', async () => {
    const page = extractHtmlArticle(await fixture('article.html'), 'https://ledger.example/story?id=1');
    expect(page).toMatchObject({
      title: 'Pentagon Pauses Offensive Cyber Operations Against Russia',
      siteName: 'The Ledger',
      published: '2025-03-03T14:05:00Z',
      author: 'Dana Whitfield',
      canonicalUrl: 'https://ledger.example/2025/03/03/pentagon-pauses-cyber-operations',
    });
  });

  it('falls back to JSON-LD (inside @graph) for headline, date, author and publisher', async () => {
    const page = extractHtmlArticle(await fixture('ld-only.html'));
    expect(page).toMatchObject({
      title: 'Schumer Calls Cyber Pause a Huge Mistake',
      siteName: 'Capitol Wire',
      published: '2025-03-03T20:00:00-05:00',
      author: 'Marcus Lee',
      canonicalUrl: 'https://capitolwire.example/news/schumer-cyber-pause',
    });
    expect(page.body).not.toMatch(/Log in|Newsletters|Careers/);
    expect(page.body.split('\n\n')).toHaveLength(4);
  });

  it('uses <title> when the page carries no other metadata', async () => {
    const page = extractHtmlArticle(await fixture('title-only.html'));
    expect(page.title).toBe('City Council Approves Budget For Parks');
    expect(page.body).not.toMatch(/Home|City\n/);
    expect(page.siteName).toBeUndefined();
  });
});

describe('htmlToArticle', () => {
  it('takes the outlet from the host name and the URL from the fetch when the page names neither', async () => {
    const article = htmlToArticle(await fixture('title-only.html'), { pageUrl: 'https://www.citynews.example/parks?x=1' });
    expect(article).toMatchObject({ source: 'citynews.example', url: 'https://www.citynews.example/parks?x=1' });
  });

  it('lets overrides win over the page and fallbacks fill only gaps', async () => {
    const article = htmlToArticle(await fixture('article.html'), {
      overrides: { source: 'Override Times', published: '2025-03-04' },
      fallbacks: { title: 'Feed Title', author: 'Feed Author' },
    });
    expect(article).toMatchObject({
      source: 'Override Times',
      published: '2025-03-04',
      title: 'Pentagon Pauses Offensive Cyber Operations Against Russia',
      author: 'Dana Whitfield',
    });
  });

  it('rejects a page without an article', async () => {
    expect(() =>
      htmlToArticle(`${'<!doctype html>'}<html><head><title>Sign in</title></head><body><form><input></form></body></html>`),
    ).toThrow(ArticleInputError);
    expect(() => htmlToArticle('<html><body><p>Text but no title anywhere at all, though it is long enough.</p></body></html>')).toThrow(
      /no headline/,
    );
  });

  it('rejects an override that the corpus would not load', async () => {
    expect(() => htmlToArticle('', { overrides: { title: 'T', url: 'javascript:alert(1)' } })).toThrow(ArticleInputError);
    expect(() =>
      htmlToArticle(
        `<html><head><title>T</title></head><body><article><p>${'Words in a paragraph. '.repeat(40)}</p></article></body></html>`,
        { overrides: { url: 'ftp://x' } },
      ),
    ).toThrow(/url/);
  });
});

describe('markdownToArticle', () => {
  it('takes the title from the first # heading of plain Markdown', async () => {
    const article = markdownToArticle(await fixture('notes.md'));
    expect(article.title).toBe('Cyber Command Stand-Down Explained');
    expect(article.body).toMatch(/^The order to stand down/);
    expect(article.body).toContain('## What it does not cover');
  });

  it('keeps the front matter of a corpus-style file, with overrides on top', async () => {
    const article = markdownToArticle(await fixture('with-front-matter.md'), { author: 'Ann Editor' });
    expect(article).toMatchObject({
      title: 'Allies Ask About the Cyber Pause',
      source: 'Brussels Brief',
      published: '2025-03-05',
      author: 'Ann Editor',
    });
  });
});
