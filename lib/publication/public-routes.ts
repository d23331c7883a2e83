import { z } from 'zod';

/** The public pages the production server (scripts/server.ts) answers in front of Next.js. */
export type PublicRoute =
  /**
   * Rendered once by Next.js and then held whole: brief pages, the feeds, the sitemap and the
   * first page of /claimreview.json.
   */
  | { kind: 'document'; path: string }
  /** Rendered by Next.js for every request (a fresh CSP nonce each), from list data it holds. */
  | { kind: 'front'; page: number }
  /** Rendered by Next.js for every request and never held. */
  | { kind: 'search' };

const BRIEF_PAGE = /^\/briefs\/[a-z0-9-]{1,100}$/;
const LIST_DOCUMENT = /^\/(feed|sitemap|corrections)\.xml$/;
const CLAIM_REVIEWS = '/claimreview.json';

const pageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);

/** The front page's page number from its `page` parameter, as Next.js gives it. */
export function frontPageNumber(value: string | string[] | undefined): number {
  return pageNumber.parse(value);
}

/** What a request asks for, when it is a public page the server answers itself. */
export function publicRoute(
  method: string | undefined,
  url: string | undefined,
): PublicRoute | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const [path = '/', query = ''] = (url ?? '/').split('?', 2);
  if (BRIEF_PAGE.test(path) || LIST_DOCUMENT.test(path)) return { kind: 'document', path };
  // The first page of the claim reviews, the one aggregators poll, held whole; the others are
  // rendered each time (held by path, a page number would not be emptied with the lists).
  if (path === CLAIM_REVIEWS && query === '') return { kind: 'document', path };
  if (path === '/search') return { kind: 'search' };
  if (path !== '/') return null;
  const pages = new URLSearchParams(query).getAll('page');
  return { kind: 'front', page: frontPageNumber(pages.length > 1 ? pages : pages[0]) };
}
