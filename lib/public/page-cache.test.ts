import { describe, expect, it } from 'vitest';
import { invalidateLocalPageCache, PublicPageCache, registerLocalPageCache } from './page-cache';

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
    const cache = new PublicPageCache<string>(10);
    let renders = 0;
    const render = async () => ({ page: `page ${++renders}`, cacheable: true });
    expect(await cache.get('a', render)).toBe('page 1');
    expect(await cache.get('a', render)).toBe('page 1');
    expect(renders).toBe(1);
  });

  it('shares one render between concurrent requests', async () => {
    const cache = new PublicPageCache<string>(10);
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
    const cache = new PublicPageCache<string>(10);
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
    const cache = new PublicPageCache<string>(10);
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
    const cache = new PublicPageCache<string>(2);
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

  it('lets the app invalidate the server cache of its own process', async () => {
    const cache = new PublicPageCache<string>(10);
    registerLocalPageCache((slug) => cache.invalidate(slug));
    await cache.get('a', async () => ({ page: 'old', cacheable: true }));
    invalidateLocalPageCache('a');
    expect(await cache.get('a', async () => ({ page: 'new', cacheable: true }))).toBe('new');
  });
});
