import 'server-only';
import { updateTag } from 'next/cache';
import { announcePublicPageChange } from '@/lib/public/page-events';
import { getPublicSlug } from '@/lib/public/queries';

/** The front page, the feed and the sitemap. */
export const PUBLIC_LISTS_TAG = 'public-lists';

/**
 * Expires, at once, the cached public pages a change of this brief concerns: its own page; the
 * lists when its place in them may move (re-check); and, when it appears or disappears
 * (publication, unpublishing), every brief page, since their related questions may link to it.
 * Brief pages live in the production server's cache, emptied in this and every other instance;
 * the lists in Next.js's tag cache. Immediate, not stale-while-revalidate: an unpublished brief
 * must not be served even once more. The one place to plug in a CDN purge.
 */
export async function refreshPublicPages(
  briefId: string,
  scope: 'page' | 'page-and-lists' | 'publication',
): Promise<void> {
  if (scope !== 'page') updateTag(PUBLIC_LISTS_TAG);
  if (scope === 'publication') {
    await announcePublicPageChange(null);
  } else {
    const slug = await getPublicSlug(briefId);
    if (slug) await announcePublicPageChange(slug);
  }
}
