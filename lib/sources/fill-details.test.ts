import { describe, expect, it } from 'vitest';
import { emptySourceFields } from '@/lib/content/document';
import { fillDetails } from './fill-details';

const blank = { ...emptySourceFields('2026-01-02'), url: 'https://news.example/a' };

describe('fillDetails', () => {
  it('fills empty fields and says what it could not find', () => {
    const result = fillDetails(blank, {
      ok: true,
      fields: { title: 'T', publisher: 'P', publishedAt: '2024-03-05' },
      found: { title: 'Open Graph', publisher: 'Open Graph', publishedAt: 'Open Graph' },
      missing: ['author'],
      finalUrl: 'https://news.example/a',
    });
    expect(result.values).toEqual({
      ...blank,
      title: 'T',
      publisher: 'P',
      publishedAt: '2024-03-05',
    });
    expect(result.filled).toEqual(['title', 'publisher', 'publishedAt']);
    expect(result.message).toBe('Filled title, publisher and published date. Not found: author.');
  });

  it('keeps what the editor typed, and says so', () => {
    const typed = { ...blank, title: 'My title', author: 'A' };
    const result = fillDetails(typed, {
      ok: true,
      fields: { title: 'Their title', author: 'A', publisher: 'P' },
      found: {},
      missing: ['publishedAt'],
      finalUrl: 'https://news.example/a',
    });
    expect(result.values).toEqual({ ...typed, publisher: 'P' });
    expect(result.message).toBe(
      'Filled publisher. Kept what you typed for title. Not found: published date.',
    );
  });

  it('puts a DOI’s address in the URL field when a bare DOI was typed', () => {
    const result = fillDetails(
      { ...blank, url: 'doi:10.5555/1' },
      {
        ok: true,
        fields: { title: 'T' },
        found: {},
        missing: ['publisher', 'author', 'publishedAt'],
        finalUrl: 'https://agency.example/works/10.5555/1',
        url: 'https://doi.org/10.5555/1',
      },
    );
    expect(result.values.url).toBe('https://doi.org/10.5555/1');
    expect(result.message).toBe(
      'Filled URL and title. Not found: publisher, author and published date.',
    );
  });

  it('says when nothing was found, or nothing new', () => {
    const nothing = fillDetails(blank, {
      ok: true,
      fields: {},
      found: {},
      missing: ['title', 'publisher', 'author', 'publishedAt'],
      finalUrl: 'https://news.example/a',
    });
    expect(nothing.message).toBe(
      'No details found. Not found: title, publisher, author and published date.',
    );
    const same = fillDetails(
      { ...blank, title: 'T' },
      { ok: true, fields: { title: 'T' }, found: {}, missing: [], finalUrl: blank.url },
    );
    expect(same.message).toBe('The details found are those already filled in.');
  });
});
