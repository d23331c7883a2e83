import { describe, expect, it } from 'vitest';
import {
  applyLocally,
  EVERYTHING,
  formatPublicChange,
  localListCache,
  PublicPageCache,
  PublicSiteCache,
  parsePublicChange,
  registerLocalCache,
} from './page-cache';

/** A render the test finishes by hand, to order it against invalidations. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('PublicPageCache', () => {
  it('renders a page once and serves it from memory afterwards', async () => {
    const cache = new PublicPageCache<string>({ maxPages: 10 });
    let renders = 0;
    const render = async () => ({ page: `page ${++renders}`, cacheable: true });
    expect(await cache.get('a', render)).toBe('page 1');
    expect(await cache.get('a', render)).toBe('page 1');
    expect(renders).toBe(1);
  });

  it('shares one render between concurrent requests', async () => {
    const cache = new PublicPageCache<string>({ maxPages: 10 });
    const gate = deferred<{ page: string; cacheable: boolean }>();
    let renders = 0;
    const render = () => {
      renders += 1;
      return gate.promise;
    };
    const both = Promise.all([cache.get('a', render), cache.get('a', render)]);
    gate.resolve({ page: 'A', cacheable: true });
    expect(await both).toEqual(['A', 'A']);
    expect(renders).toBe(1);
  });

  it('forgets a page, or every page, when told', async () => {
    const cache = new PublicPageCache<string>({ maxPages: 10 });
    let version = 1;
    const render = async () => ({ page: `v${version}`, cacheable: true });
    await cache.get('a', render);
    await cache.get('b', render);
    version = 2;
    cache.invalidate('a');
    expect(await cache.get('a', render)).toBe('v2');
    expect(await cache.get('b', render)).toBe('v1');
    version = 3;
    cache.invalidate(null);
    expect(await cache.get('b', render)).toBe('v3');
  });

  it('never stores a render that an invalidation overtook', async () => {
    const cache = new PublicPageCache<string>({ maxPages: 10 });
    const gate = deferred<{ page: string; cacheable: boolean }>();
    const stale = cache.get('a', () => gate.promise);
    cache.invalidate('a');
    gate.resolve({ page: 'published', cacheable: true });
    expect(await stale).toBe('published');
    expect(await cache.get('a', async () => ({ page: 'unpublished', cacheable: true }))).toBe(
      'unpublished',
    );
  });

  it('keeps answers that must not be cached out, and holds at most its limit', async () => {
    const cache = new PublicPageCache<string>({ maxPages: 2 });
    let renders = 0;
    const missing = async () => ({ page: `404 #${++renders}`, cacheable: false });
    await cache.get('nope', missing);
    expect(await cache.get('nope', missing)).toBe('404 #2');
    for (const slug of ['a', 'b', 'c']) {
      await cache.get(slug, async () => ({ page: slug, cacheable: true }));
    }
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => ({ page: 'a again', cacheable: true }))).toBe(
      'a again',
    );
  });

  it('holds at most its weight in bytes, forgetting the oldest pages first', async () => {
    const cache = new PublicPageCache<string>({
      maxPages: 10,
      maxBytes: 10,
      bytesOf: (page) => page.length,
    });
    const hold = (key: string, page: string) =>
      cache.get(key, async () => ({ page, cacheable: true }));
    await hold('a', 'aaaa');
    await hold('b', 'bbbb');
    await hold('c', 'cccc');
    expect(['a', 'b', 'c'].filter((key) => cache.has(key))).toEqual(['b', 'c']);
    expect(cache.heldBytes).toBe(8);
    await hold('huge', 'x'.repeat(11));
    expect(cache.has('huge')).toBe(false);
    cache.invalidate('b');
    expect(cache.heldBytes).toBe(4);
    cache.invalidate(null);
    expect(cache.heldBytes).toBe(0);
  });

  it('says whether it holds a page', async () => {
    const cache = new PublicPageCache<string>({ maxPages: 10 });
    expect(cache.has('a')).toBe(false);
    await cache.get('a', async () => ({ page: 'A', cacheable: true }));
    expect(cache.has('a')).toBe(true);
  });
});

const DOCUMENTS = [
  '/briefs/a',
  '/briefs/b',
  '/feed.xml',
  '/sitemap.xml',
  '/corrections.xml',
  '/claimreview.json',
];

/** A site cache holding two brief pages, the list documents and two list pages. */
async function filledSite() {
  const site = new PublicSiteCache<string>({
    documents: { maxPages: 10 },
    lists: { maxPages: 10 },
  });
  for (const path of DOCUMENTS) {
    await site.documents.get(path, async () => ({ page: path, cacheable: true }));
  }
  for (const page of ['1', '2']) {
    await site.lists.get(page, async () => ({ page: { items: [], total: 0 }, cacheable: true }));
  }
  const held = () => ({
    documents: DOCUMENTS.filter((path) => site.documents.has(path)),
    lists: ['1', '2'].filter((page) => site.lists.has(page)),
  });
  return { site, held };
}

describe('PublicSiteCache', () => {
  it('forgets only the page of a change that leaves the lists (an archived copy)', async () => {
    const { site, held } = await filledSite();
    site.apply({ slug: 'a', lists: false });
    expect(held()).toEqual({
      documents: [
        '/briefs/b',
        '/feed.xml',
        '/sitemap.xml',
        '/corrections.xml',
        '/claimreview.json',
      ],
      lists: ['1', '2'],
    });
  });

  it('forgets the page and every list (front page, feeds, sitemap) on a re-check or a correction', async () => {
    const { site, held } = await filledSite();
    site.apply({ slug: 'a', lists: true });
    expect(held()).toEqual({ documents: ['/briefs/b'], lists: [] });
  });

  it('forgets everything on a publication or unpublishing', async () => {
    const { site, held } = await filledSite();
    site.apply(EVERYTHING);
    expect(held()).toEqual({ documents: [], lists: [] });
  });

  it('is what the app reads and empties in the same process', async () => {
    const { site, held } = await filledSite();
    registerLocalCache(site);
    expect(localListCache()).toBe(site.lists);
    applyLocally({ slug: 'b', lists: false });
    expect(held().documents).toEqual([
      '/briefs/a',
      '/feed.xml',
      '/sitemap.xml',
      '/corrections.xml',
      '/claimreview.json',
    ]);
  });
});

describe('public change notifications', () => {
  it('carry a change as it was sent', () => {
    for (const change of [
      EVERYTHING,
      { slug: 'a-b-1', lists: true },
      { slug: 'c', lists: false },
    ]) {
      expect(parsePublicChange(formatPublicChange(change))).toEqual(change);
    }
  });

  it('empty everything when they cannot be read', () => {
    for (const payload of [
      '',
      '*',
      'is-it-true',
      '{"slug":"../x","lists":false}',
      '{"slug":"a"}',
    ]) {
      expect(parsePublicChange(payload)).toEqual(EVERYTHING);
    }
  });
});
