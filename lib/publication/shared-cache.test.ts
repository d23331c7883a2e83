import { describe, expect, it } from 'vitest';
import { EVERYTHING } from './page-cache';
import {
  cachePolicy,
  keptPolicy,
  listPageHref,
  PRIVATE_CACHE_CONTROL,
  purgeHeadersSchema,
  purgePaths,
  purgeRequests,
  purgeUrlSchema,
  SHARED_CACHE_CONTROL,
  surrogateKeysOf,
  UNCACHED_CACHE_CONTROL,
} from './shared-cache';

const extent = { publishedSlugs: ['a', 'b'], frontPages: 2, correctionPages: 1 };

describe('cachePolicy', () => {
  it('shares a brief page, published or withdrawn (and its 304), under its own key', () => {
    for (const status of [200, 304, 410]) {
      expect(cachePolicy('GET', '/briefs/is-it-true', status)).toEqual({
        cacheControl: SHARED_CACHE_CONTROL,
        surrogateKeys: ['brief-is-it-true', 'site'],
      });
    }
    // Another address for it, which no purge names: kept by nobody.
    for (const url of ['/briefs/is-it-true?utm_source=x', '/briefs/is-it-true?']) {
      expect(cachePolicy('GET', url, 200)?.cacheControl).toBe(UNCACHED_CACHE_CONTROL);
    }
    expect(SHARED_CACHE_CONTROL).toMatch(
      /^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/,
    );
  });

  it('never shares a missing brief, nor an error', () => {
    expect(cachePolicy('GET', '/briefs/nobody-wrote-this', 404)?.cacheControl).toBe(
      UNCACHED_CACHE_CONTROL,
    );
    expect(cachePolicy('GET', '/briefs/x', 503)?.surrogateKeys).toEqual([]);
    expect(cachePolicy('GET', '/', 500)?.surrogateKeys).toEqual([]);
  });

  it('shares the lists at their canonical addresses only: those a purge reaches', () => {
    for (const url of [
      '/',
      '/?page=12',
      '/corrections?page=3',
      '/feed.xml',
      '/sitemap.xml',
      '/corrections.xml',
      '/claimreview.json',
    ]) {
      expect(cachePolicy('HEAD', url, 200)?.surrogateKeys, url).toEqual(['lists', 'site']);
    }
    for (const url of [
      '/?page=1',
      '/corrections?page=1',
      '/?page=02',
      '/?page=2&x=1',
      '/?q=1',
      '/feed.xml?x',
      '/claimreview.json?page=2',
      '/methodology?x',
    ]) {
      expect(cachePolicy('GET', url, 200), url).toEqual({
        cacheControl: UNCACHED_CACHE_CONTROL,
        surrogateKeys: [],
      });
    }
    expect(cachePolicy('GET', '/methodology', 200)?.surrogateKeys).toEqual(['site']);
  });

  it('keeps search from every cache: one page per query, which no purge could name', () => {
    expect(cachePolicy('GET', '/search?q=vaccines', 200)).toEqual({
      cacheControl: UNCACHED_CACHE_CONTROL,
      surrogateKeys: [],
    });
  });

  it('makes the newsroom, the login, the API and every other method private', () => {
    for (const url of [
      '/desk',
      '/desk/briefs/1/preview',
      '/login',
      '/api/auth/session',
      '/suggest',
    ]) {
      expect(cachePolicy('GET', url, 200), url).toEqual({
        cacheControl: PRIVATE_CACHE_CONTROL,
        surrogateKeys: [],
      });
    }
    expect(cachePolicy('GET', '/desk', 307)?.cacheControl).toBe(PRIVATE_CACHE_CONTROL);
    expect(cachePolicy('GET', '/no-such-page', 404)?.cacheControl).toBe(PRIVATE_CACHE_CONTROL);
    expect(cachePolicy('POST', '/', 200)?.cacheControl).toBe(PRIVATE_CACHE_CONTROL);
    expect(cachePolicy('POST', '/briefs/x/report', 303)?.cacheControl).toBe(PRIVATE_CACHE_CONTROL);
  });

  it('leaves build output and static files their own lifetime', () => {
    expect(cachePolicy('GET', '/_next/static/chunks/app.js', 200)).toBeNull();
    expect(cachePolicy('GET', '/chrome.css', 200)).toBeNull();
  });
});

describe('keptPolicy', () => {
  const brief = cachePolicy('GET', '/briefs/a', 200)!;
  const calm = { setsCookie: false, clientNavigation: false, duringChange: false, refresh: false };

  it('keeps what the address allows when nothing else stands in the way', () => {
    expect(keptPolicy(brief, calm)).toBe(brief);
  });

  it('never lets an answer that sets a cookie be kept, whatever its address', () => {
    expect(keptPolicy(brief, { ...calm, setsCookie: true })).toEqual({
      cacheControl: PRIVATE_CACHE_CONTROL,
      surrogateKeys: [],
    });
  });

  it('keeps nothing rendered during a publication event, but the purge’s own refresh', () => {
    const uncachedAnswer = { cacheControl: UNCACHED_CACHE_CONTROL, surrogateKeys: [] };
    expect(keptPolicy(brief, { ...calm, duringChange: true })).toEqual(uncachedAnswer);
    expect(keptPolicy(brief, { ...calm, duringChange: true, refresh: true })).toBe(brief);
    expect(keptPolicy(brief, { ...calm, clientNavigation: true })).toEqual(uncachedAnswer);
  });

  it('leaves a private answer private', () => {
    const desk = cachePolicy('GET', '/desk', 200)!;
    expect(keptPolicy(desk, { ...calm, duringChange: true, clientNavigation: true })).toBe(desk);
  });
});

describe('what a publication event purges', () => {
  it('names a brief by key, with the lists when its place in them moved; everything by `site`', () => {
    expect(surrogateKeysOf({ slug: 'a', lists: false })).toEqual(['brief-a']);
    expect(surrogateKeysOf({ slug: 'a', lists: true })).toEqual(['brief-a', 'lists']);
    expect(surrogateKeysOf(EVERYTHING)).toEqual(['site']);
  });

  it('lists every canonical address, with one page more than the lists have', () => {
    expect(purgePaths({ slug: 'a', lists: false }, extent)).toEqual(['/briefs/a']);
    expect(purgePaths({ slug: 'a', lists: true }, extent)).toEqual([
      '/briefs/a',
      '/',
      '/?page=2',
      '/?page=3',
      '/corrections',
      '/corrections?page=2',
      '/feed.xml',
      '/sitemap.xml',
      '/corrections.xml',
      '/claimreview.json',
    ]);
    const everything = purgePaths(EVERYTHING, extent);
    expect(everything).toEqual(
      expect.arrayContaining([
        '/briefs/a',
        '/briefs/b',
        '/methodology',
        '/corrections-policy',
        '/',
        '/feed.xml',
      ]),
    );
    // Every address it lists is one the policy lets a cache keep, and every address the policy
    // lets a cache keep is one it lists.
    for (const path of everything)
      expect(cachePolicy('GET', path, 200)?.surrogateKeys.length, path).toBeGreaterThan(0);
    // Pages past the lists' length (plus one) show nothing, and get something only from a
    // change that purges them: they are left out here.
    const within = purgePaths(EVERYTHING, { ...extent, correctionPages: 2 });
    const spellings = ['', '?', '?page=1', '?page=2', '?page=3', '?page=02', '?x=1'];
    for (const path of [...within, '/briefs/c', '/search', '/feed.xml']) {
      for (const url of spellings.map((query) => `${path.split('?')[0]}${query}`)) {
        const kept = (cachePolicy('GET', url, 200)?.surrogateKeys.length ?? 0) > 0;
        expect(kept, url).toBe(within.includes(url) || (url === '/briefs/c' && kept));
      }
    }
  });

  it('links every page of a list at the address a purge names', () => {
    expect(listPageHref('/', 1)).toBe('/');
    expect(listPageHref('/corrections', 1)).toBe('/corrections');
    expect(listPageHref('/', 2)).toBe('/?page=2');
    for (const page of [1, 2, 3]) {
      expect(cachePolicy('GET', listPageHref('/', page), 200)?.surrogateKeys).toEqual([
        'lists',
        'site',
      ]);
    }
  });

  it('sends one request per path to a cache purged by address', () => {
    const requests = purgeRequests(
      { url: 'http://cache:8080{path}', method: 'PURGE', headers: {} },
      ['brief-a'],
      ['/briefs/a', '/'],
    );
    expect(requests).toEqual([
      { url: 'http://cache:8080/briefs/a', method: 'PURGE', headers: {} },
      { url: 'http://cache:8080/', method: 'PURGE', headers: {} },
    ]);
  });

  it('sends one request with the keys to a cache purged by key (Fastly, Cloudflare)', () => {
    const fastly = purgeRequests(
      {
        url: 'https://api.fastly.example/service/s1/purge',
        method: 'POST',
        headers: { 'Surrogate-Key': '{keys}', 'Fastly-Key': 't' },
      },
      ['brief-a', 'lists'],
      [],
    );
    expect(fastly).toEqual([
      {
        url: 'https://api.fastly.example/service/s1/purge',
        method: 'POST',
        headers: { 'Surrogate-Key': 'brief-a lists', 'Fastly-Key': 't' },
      },
    ]);
    const [cloudflare] = purgeRequests(
      {
        url: 'https://api.cloudflare.example/zones/z/purge_cache',
        method: 'POST',
        headers: {},
        body: '{"tags":{keysJson}}',
      },
      ['site'],
      [],
    );
    expect(JSON.parse(cloudflare!.body!)).toEqual({ tags: ['site'] });
  });

  it('accepts only purge settings that make well-formed requests', () => {
    expect(purgeUrlSchema.safeParse('http://127.0.0.1:8080{path}').success).toBe(true);
    expect(purgeUrlSchema.safeParse('ftp://cache{path}').success).toBe(false);
    expect(purgeUrlSchema.safeParse('not a url').success).toBe(false);
    expect(purgeHeadersSchema.parse('{"Authorization":"Bearer x"}')).toEqual({
      Authorization: 'Bearer x',
    });
    expect(purgeHeadersSchema.safeParse('{"Bad Name":"x"}').success).toBe(false);
    expect(purgeHeadersSchema.safeParse('{"X-A":"one\\ntwo"}').success).toBe(false);
    expect(purgeHeadersSchema.safeParse('Authorization: x').success).toBe(false);
  });
});
