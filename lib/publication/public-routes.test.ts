import { describe, expect, it } from 'vitest';
import { frontPageNumber, publicRoute } from './public-routes';

describe('publicRoute', () => {
  it('holds brief pages, the feed and the sitemap whole, by path', () => {
    expect(publicRoute('GET', '/briefs/is-it-true')).toEqual({
      kind: 'document',
      path: '/briefs/is-it-true',
    });
    expect(publicRoute('HEAD', '/briefs/is-it-true?utm=x')).toEqual({
      kind: 'document',
      path: '/briefs/is-it-true',
    });
    expect(publicRoute('GET', '/feed.xml')).toEqual({ kind: 'document', path: '/feed.xml' });
    expect(publicRoute('GET', '/sitemap.xml')).toEqual({ kind: 'document', path: '/sitemap.xml' });
    expect(publicRoute('GET', '/corrections.xml')).toEqual({
      kind: 'document',
      path: '/corrections.xml',
    });
  });

  it('holds the first page of /claimreview.json, and leaves the others to Next.js', () => {
    expect(publicRoute('GET', '/claimreview.json')).toEqual({
      kind: 'document',
      path: '/claimreview.json',
    });
    expect(publicRoute('GET', '/claimreview.json?page=2')).toBeNull();
    expect(publicRoute('POST', '/claimreview.json')).toBeNull();
  });

  it('reads the front page number as the page does, and knows search', () => {
    expect(publicRoute('GET', '/')).toEqual({ kind: 'front', page: 1 });
    expect(publicRoute('GET', '/?page=3')).toEqual({ kind: 'front', page: 3 });
    expect(publicRoute('GET', '/?page=x')).toEqual({ kind: 'front', page: 1 });
    expect(publicRoute('GET', '/?page=2&page=3')).toEqual({ kind: 'front', page: 1 });
    expect(publicRoute('GET', '/search?q=nato')).toEqual({ kind: 'search' });
    expect(frontPageNumber(['2', '3'])).toBe(1);
    expect(frontPageNumber('10001')).toBe(1);
  });

  it('leaves everything else to Next.js', () => {
    for (const [method, url] of [
      ['POST', '/briefs/is-it-true'],
      ['GET', '/briefs/Is_It'],
      ['GET', '/briefs/a/b'],
      ['GET', '/desk'],
      ['GET', '/robots.txt'],
      ['GET', '//evil.example/'],
      ['DELETE', '/'],
    ] as const) {
      expect(publicRoute(method, url)).toBeNull();
    }
  });
});
