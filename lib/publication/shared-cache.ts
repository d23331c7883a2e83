import { z } from 'zod';
import { briefPath, LIST_DOCUMENTS, type PublicChange } from './page-cache';

/**
 * What a shared HTTP cache (nginx, Varnish, a CDN) in front of the instances may keep, under
 * which surrogate keys, and what a publication event must purge from it. Pure: the production
 * server (scripts/server.ts) sets the headers, lib/publication/purge.ts sends the purges.
 */

/** The surrogate keys: one brief's page, the lists, every public page. */
export const surrogateKey = {
  brief: (slug: string) => `brief-${slug}`,
  lists: 'lists',
  site: 'site',
} as const;

/** The site's own pages, shown in every footer and changed with the settings. */
export const SITE_PAGES = ['/methodology', '/corrections-policy'] as const;

/**
 * How long a shared cache keeps a public page: purges make it fresh, so this only bounds how
 * long a purge that never arrived (a process killed between commit and purge) can leave a page
 * stale. A browser revalidates every time (max-age=0) and gets a 304 when nothing changed.
 */
const SHARED_MAX_AGE_S = 300;
/** A page served while one request fetches its next copy: only ever a copy the purges allowed. */
const STALE_WHILE_REVALIDATE_S = 30;
export const SHARED_CACHE_CONTROL = `public, max-age=0, s-maxage=${SHARED_MAX_AGE_S}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_S}`;
/** Anything that depends on who asks: never kept by any cache. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';
/** Public but not worth keeping, or not purgeable precisely (search, one per query). */
export const UNCACHED_CACHE_CONTROL = 'no-store';

export interface CachePolicy {
  cacheControl: string;
  /** Empty when nothing may keep the answer. */
  surrogateKeys: string[];
}

const BRIEF_PAGE = /^\/briefs\/([a-z0-9-]{1,100})$/;
const PAGED_LISTS = new Set(['/', '/corrections']);
// Page 1 is the list without a query: `?page=1` is another address for the same page.
const LATER_PAGE_QUERY = /^page=([2-9]|[1-9][0-9]{1,3})$/;
const WHOLE_LISTS = new Set<string>(LIST_DOCUMENTS);
const SITE_PAGE_SET = new Set<string>(SITE_PAGES);

const privately: CachePolicy = { cacheControl: PRIVATE_CACHE_CONTROL, surrogateKeys: [] };
const uncached: CachePolicy = { cacheControl: UNCACHED_CACHE_CONTROL, surrogateKeys: [] };
const shared = (...surrogateKeys: string[]): CachePolicy => ({
  cacheControl: SHARED_CACHE_CONTROL,
  surrogateKeys: [...surrogateKeys, surrogateKey.site],
});

/**
 * The policy of a public answer by its request line and status, or `null` when the answer keeps
 * the headers Next.js gave it (build output and static files, which name their own lifetime).
 * Only what a purge can reach is shared, at the very address `purgePaths` names: a brief page,
 * a list (page 1 without a query, a later page by its number), the site's own pages; any other
 * spelling of them is kept by nobody. A 410 is shared too (withdrawn, until published again); a
 * 404 never is (any slug would fill the cache). A 304 says what the 200 would. Everything else,
 * the newsroom above all, is private.
 */
export function cachePolicy(
  method: string | undefined,
  url: string,
  status: number,
): CachePolicy | null {
  const [path = '/', query] = url.split('?', 2);
  if (method !== 'GET' && method !== 'HEAD') return privately;
  const answered = status === 304 ? 200 : status;
  if (path.startsWith('/_next/static/') || /^\/[\w-]+\.(css|svg|ico|png|txt)$/.test(path)) {
    return null;
  }
  const brief = BRIEF_PAGE.exec(path);
  if (brief) {
    return (answered === 200 || answered === 410) && query === undefined
      ? shared(surrogateKey.brief(brief[1]!))
      : uncached;
  }
  // Search never: one page per query, which no purge could name.
  const canonical =
    path !== '/search' &&
    (PAGED_LISTS.has(path)
      ? query === undefined || LATER_PAGE_QUERY.test(query)
      : query === undefined);
  if (
    path === '/search' ||
    PAGED_LISTS.has(path) ||
    WHOLE_LISTS.has(path) ||
    SITE_PAGE_SET.has(path)
  ) {
    if (!canonical || answered !== 200) return uncached;
    return SITE_PAGE_SET.has(path) ? shared() : shared(surrogateKey.lists);
  }
  return privately;
}

/** What, besides its address, decides whether an answer may be kept (scripts/server.ts). */
export interface AnswerCircumstances {
  setsCookie: boolean;
  /** An answer to Next.js's client navigation: an RSC payload at a page's address. */
  clientNavigation: boolean;
  /** A publication event arrived, or waited for the replica, while it was rendered. */
  duringChange: boolean;
  /** The shared cache's own refresh, answered from the primary after the event's commit. */
  refresh: boolean;
}

/**
 * The policy an answer is sent with: its address's, except that one that sets a cookie is
 * private, and a shared one is kept by nobody when it is a client navigation's, or was rendered
 * during a publication event (it may show what the event changed, and the purge may have
 * passed it) unless it is the purge's refresh itself.
 */
export function keptPolicy(policy: CachePolicy, answer: AnswerCircumstances): CachePolicy {
  if (answer.setsCookie) return privately;
  if (policy.surrogateKeys.length === 0) return policy;
  return answer.clientNavigation || (answer.duringChange && !answer.refresh) ? uncached : policy;
}

/** The surrogate keys a publication event makes stale. */
export function surrogateKeysOf(change: PublicChange): string[] {
  if (change.slug === null) return [surrogateKey.site];
  return change.lists
    ? [surrogateKey.brief(change.slug), surrogateKey.lists]
    : [surrogateKey.brief(change.slug)];
}

/** What the paths of a change depend on: read from the database when a change is purged. */
export interface PublicExtent {
  publishedSlugs: string[];
  /** How many pages the front page and /corrections have now. */
  frontPages: number;
  correctionPages: number;
}

/** The canonical address of page `page` of a paged list (`/`, `/corrections`). */
export function listPageHref(path: string, page: number): string {
  return page <= 1 ? path : `${path}?page=${page}`;
}

const pagesOf = (path: string, pages: number): string[] =>
  // One more than there are: a list that just lost its last page's only entry had it a moment ago.
  Array.from({ length: pages + 1 }, (_, index) => listPageHref(path, index + 1));

/**
 * The addresses a change makes stale, for a cache purged by address (nginx's refresh, Varnish's
 * PURGE): every address `cachePolicy` lets a cache keep that shows what changed. Most read
 * first: the brief that changed, the lists, the site's pages, then every other brief page.
 */
export function purgePaths(change: PublicChange, extent: PublicExtent): string[] {
  const paths: string[] = change.slug === null ? [] : [briefPath(change.slug)];
  if (change.lists || change.slug === null) {
    paths.push(
      ...pagesOf('/', extent.frontPages),
      ...pagesOf('/corrections', extent.correctionPages),
      ...LIST_DOCUMENTS,
    );
  }
  if (change.slug === null) paths.push(...SITE_PAGES, ...extent.publishedSlugs.map(briefPath));
  return [...new Set(paths)];
}

/** How purges are sent: read from the FACTDESK_PURGE_* settings (lib/config.ts). */
export interface PurgeTarget {
  /**
   * The address of a purge; `{path}` (one request per path) or `{keys}` (one request for the
   * change) in it, in the headers or in the body say which kind of cache it is.
   */
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PurgeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(path|keys|keysJson)\}/g, (_, name: string) => values[name] ?? '');

/** Whether the target purges by address (one request per path) rather than by key. */
export function purgesByPath(target: PurgeTarget): boolean {
  return [target.url, target.body ?? '', ...Object.values(target.headers)].some((part) =>
    part.includes('{path}'),
  );
}

/**
 * The requests that purge `keys` or `paths` from the target: `{keys}` is the keys separated by
 * spaces (Fastly's and Varnish xkey's `Surrogate-Key`), `{keysJson}` a JSON array of them
 * (Cloudflare's `{"tags": …}`), `{path}` one path (nginx, Varnish PURGE).
 */
export function purgeRequests(
  target: PurgeTarget,
  keys: string[],
  paths: string[],
): PurgeRequest[] {
  const requestFor = (values: Record<string, string>): PurgeRequest => ({
    url: fill(target.url, values),
    method: target.method,
    headers: Object.fromEntries(
      Object.entries(target.headers).map(([name, value]) => [name, fill(value, values)]),
    ),
    ...(target.body === undefined ? {} : { body: fill(target.body, values) }),
  });
  const keyValues = { keys: keys.join(' '), keysJson: JSON.stringify(keys) };
  if (!purgesByPath(target)) return [requestFor(keyValues)];
  return paths.map((path) => requestFor({ ...keyValues, path }));
}

/** FACTDESK_PURGE_HEADERS: a JSON object of header names and values (templates allowed). */
export const purgeHeadersSchema = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({
        code: 'custom',
        message: 'must be a JSON object such as {"Authorization":"Bearer …"}',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must name headers'),
      z.string().regex(/^[^\r\n]*$/, 'must be one line each'),
      { error: 'must be a JSON object such as {"Authorization":"Bearer …"}' },
    ),
  );

/** FACTDESK_PURGE_URL: an http(s) address once its placeholders are filled in. */
export const purgeUrlSchema = z.string().refine((template) => {
  const filled = fill(template, { path: '/briefs/a', keys: 'site', keysJson: '["site"]' });
  return URL.canParse(filled) && /^https?:$/.test(new URL(filled).protocol);
}, 'must be an http(s) URL, with {path} or {keys} in it where the cache wants them');
