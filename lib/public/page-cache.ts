/**
 * Rendered public brief pages held in memory by the production server, in front of Next.js: a
 * reader's request for a cached page costs no framework work at all. Pages leave it when a
 * publication event names them (or names every page), in this process at once and in every
 * other instance through Postgres NOTIFY; see app/_lib/public-cache.ts.
 */
export class PublicPageCache<Page> {
  private readonly pages = new Map<string, Page>();
  private readonly rendering = new Map<string, Promise<Page>>();
  // Moves on every invalidation: a render that started before one must not be stored after it.
  private generation = 0;

  constructor(private readonly maxPages: number) {}

  get size(): number {
    return this.pages.size;
  }

  /** The cached page, or one render shared by every request that asks meanwhile. */
  async get(
    slug: string,
    render: () => Promise<{ page: Page; cacheable: boolean }>,
  ): Promise<Page> {
    const cached = this.pages.get(slug);
    if (cached) return cached;
    const pending = this.rendering.get(slug);
    if (pending) return pending;
    const started = this.generation;
    const rendered = render().then(({ page, cacheable }) => {
      if (cacheable && this.generation === started) this.store(slug, page);
      return page;
    });
    this.rendering.set(slug, rendered);
    try {
      return await rendered;
    } finally {
      if (this.rendering.get(slug) === rendered) this.rendering.delete(slug);
    }
  }

  /** Forgets one page, or every page (`null`). */
  invalidate(slug: string | null): void {
    this.generation += 1;
    if (slug === null) {
      this.pages.clear();
      this.rendering.clear();
    } else {
      this.pages.delete(slug);
      this.rendering.delete(slug);
    }
  }

  private store(slug: string, page: Page): void {
    if (this.pages.size >= this.maxPages) {
      const oldest = this.pages.keys().next().value;
      if (oldest !== undefined) this.pages.delete(oldest);
    }
    this.pages.set(slug, page);
  }
}

/** The Postgres channel that carries "this page changed" (a slug, or `*` for every page). */
export const PUBLIC_PAGES_CHANNEL = 'factdesk_public_pages';
export const EVERY_PAGE = '*';

// The server and the Next.js app share one process but not one module graph: the server
// registers its cache's invalidation under a global symbol for the app to call.
const LOCAL_INVALIDATE = Symbol.for('factdesk.public-page-cache.invalidate');
type Invalidate = (slug: string | null) => void;

export function registerLocalPageCache(invalidate: Invalidate): void {
  (globalThis as Record<symbol, unknown>)[LOCAL_INVALIDATE] = invalidate;
}

/** Invalidates this process's page cache, when the production server runs one. */
export function invalidateLocalPageCache(slug: string | null): void {
  const invalidate = (globalThis as Record<symbol, unknown>)[LOCAL_INVALIDATE] as
    | Invalidate
    | undefined;
  invalidate?.(slug);
}
