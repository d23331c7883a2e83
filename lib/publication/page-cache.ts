import { z } from 'zod';
import type { PublicListItem } from './queries';
import type { SiteSettings } from './render';

/**
 * The public site held in memory by the production server (scripts/server.ts): a reader's
 * request for something held costs no database work, and none at all for a whole document.
 * Entries leave it when a publication event names them, in this process at once and in every
 * other instance through Postgres NOTIFY (see lib/publication/page-events.ts).
 */
/** How much a cache may hold: a number of pages and, when pages say their size, bytes. */
export interface CacheLimits<Page> {
  maxPages: number;
  maxBytes?: number;
  bytesOf?: (page: Page) => number;
}

export class PublicPageCache<Page> {
  private readonly pages = new Map<string, { page: Page; bytes: number }>();
  private readonly rendering = new Map<string, Promise<Page>>();
  private bytes = 0;
  // Moves on every invalidation: a render that started before one must not be stored after it.
  private generation = 0;

  constructor(private readonly limits: CacheLimits<Page>) {}

  get size(): number {
    return this.pages.size;
  }

  /** What the held pages weigh, by `bytesOf` (0 without it). */
  get heldBytes(): number {
    return this.bytes;
  }

  has(key: string): boolean {
    return this.pages.has(key);
  }

  /** The cached page, or one render shared by every request that asks meanwhile. */
  async get(key: string, render: () => Promise<{ page: Page; cacheable: boolean }>): Promise<Page> {
    const cached = this.pages.get(key);
    if (cached) return cached.page;
    const pending = this.rendering.get(key);
    if (pending) return pending;
    const started = this.generation;
    const rendered = render().then(({ page, cacheable }) => {
      if (cacheable && this.generation === started) this.store(key, page);
      return page;
    });
    this.rendering.set(key, rendered);
    try {
      return await rendered;
    } finally {
      if (this.rendering.get(key) === rendered) this.rendering.delete(key);
    }
  }

  /** Forgets one page, or every page (`null`). */
  invalidate(key: string | null): void {
    this.generation += 1;
    if (key === null) {
      this.pages.clear();
      this.rendering.clear();
      this.bytes = 0;
    } else {
      this.remove(key);
      this.rendering.delete(key);
    }
  }

  /** Keeps the page, forgetting the oldest ones to stay within the limits. */
  private store(key: string, page: Page): void {
    const { maxPages, maxBytes = Number.POSITIVE_INFINITY, bytesOf } = this.limits;
    const bytes = bytesOf?.(page) ?? 0;
    if (bytes > maxBytes) return;
    this.remove(key);
    while (this.pages.size >= maxPages || this.bytes + bytes > maxBytes) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
    this.pages.set(key, { page, bytes });
    this.bytes += bytes;
  }

  private remove(key: string): void {
    const held = this.pages.get(key);
    if (!held) return;
    this.pages.delete(key);
    this.bytes -= held.bytes;
  }
}

/**
 * What a publication event changed: one brief's page, or every page (`slug: null`: the site's
 * settings or its own pages, which every page shows); and whether the lists changed (front page,
 * feed, sitemap: their members, order or dates). A brief that appears or disappears changes its
 * page, the lists and the pages that link to it: one event each (page-events.ts).
 */
export interface PublicChange {
  slug: string | null;
  lists: boolean;
}

export const EVERYTHING: PublicChange = { slug: null, lists: true };

/** The Postgres channel that carries public changes, one JSON PublicChange per notification. */
export const PUBLIC_CHANGES_CHANNEL = 'factdesk_public_changes';

const publicChangeSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .nullable(),
  lists: z.boolean(),
});

export function formatPublicChange(change: PublicChange): string {
  return JSON.stringify({ slug: change.slug, lists: change.lists });
}

/** A notification's payload; one that cannot be read empties everything (never stale). */
export function parsePublicChange(payload: string): PublicChange {
  try {
    return publicChangeSchema.parse(JSON.parse(payload));
  } catch {
    return EVERYTHING;
  }
}

export const briefPath = (slug: string) => `/briefs/${slug}`;
/** The documents made from the lists, held whole. */
export const LIST_DOCUMENTS = [
  '/feed.xml',
  '/sitemap.xml',
  '/corrections.xml',
  '/claimreview.json',
] as const;

/** One page of the front page's list. */
export interface PublicListPage {
  items: PublicListItem[];
  total: number;
}

/** Everything public the production server holds, emptied by publication events. */
export class PublicSiteCache<Document> {
  /** Whole answers by path: brief pages, the feed and the sitemap. */
  readonly documents: PublicPageCache<Document>;
  /**
   * The front page's list by page number. Its HTML is rendered per request (every answer needs
   * a fresh CSP nonce for Next.js's scripts), from this data: no database work.
   */
  readonly lists: PublicPageCache<PublicListPage>;
  /**
   * The site's settings (name, disclaimer, its own pages), which every public page shows: read
   * once, not per request, and still there while the database is down. Their changes announce
   * everything.
   */
  readonly settings = new PublicPageCache<SiteSettings>({ maxPages: 1 });

  constructor(limits: { documents: CacheLimits<Document>; lists: CacheLimits<PublicListPage> }) {
    this.documents = new PublicPageCache(limits.documents);
    this.lists = new PublicPageCache(limits.lists);
  }

  apply(change: PublicChange): void {
    if (change.slug === null) this.settings.invalidate(null);
    this.documents.invalidate(change.slug === null ? null : briefPath(change.slug));
    if (change.lists) {
      for (const path of LIST_DOCUMENTS) this.documents.invalidate(path);
      this.lists.invalidate(null);
    }
  }
}

// The server and the Next.js app share one process but not one module graph: the server
// registers its cache under a global symbol for the app to read and empty.
const LOCAL_CACHE = Symbol.for('factdesk.public-site-cache');
type LocalCache = Pick<PublicSiteCache<unknown>, 'lists' | 'settings' | 'apply'>;
const registry = globalThis as Record<symbol, LocalCache | undefined>;

export function registerLocalCache(cache: LocalCache): void {
  registry[LOCAL_CACHE] = cache;
}

/**
 * The front page's list cache of the production server in this process, or none (`next dev`,
 * or a bare `next start`: nothing would empty it when another instance publishes).
 */
export function localListCache(): PublicPageCache<PublicListPage> | undefined {
  return registry[LOCAL_CACHE]?.lists;
}

/** The site's settings held by the production server in this process, or none. */
export function localSettingsCache(): PublicPageCache<SiteSettings> | undefined {
  return registry[LOCAL_CACHE]?.settings;
}

/**
 * Applies a change to this process's cache, when the production server runs one: right after
 * the commit that announced it, before its own NOTIFY comes back.
 */
export function applyLocally(change: PublicChange): void {
  registry[LOCAL_CACHE]?.apply(change);
}
