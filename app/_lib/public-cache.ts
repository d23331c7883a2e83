import 'server-only';
import { EVERYTHING, localListCache, type PublicListPage } from '@/lib/public/page-cache';
import { announcePublicChange } from '@/lib/public/page-events';
import { getPublicSlug, listPublicBriefs } from '@/lib/public/queries';

/**
 * Expires, at once and on every instance, the public pages a change of this brief concerns: its
 * own page; the lists (front page, feed, sitemap) when its date and place in them move
 * (re-check); everything when it appears or disappears (publication, unpublishing), since the
 * related questions of any page may link to it. Immediate, not stale-while-revalidate: an
 * unpublished brief must not be served even once more. The one place to plug in a CDN purge.
 */
export async function refreshPublicPages(
  briefId: string,
  scope: 'page' | 'page-and-lists' | 'publication',
): Promise<void> {
  if (scope === 'publication') return announcePublicChange(EVERYTHING);
  const slug = await getPublicSlug(briefId);
  await announcePublicChange(slug ? { slug, lists: scope === 'page-and-lists' } : EVERYTHING);
}

/**
 * One page of the front page's list, from the production server's memory when it runs and holds
 * it (emptied by the events above), else from the database.
 */
export function publicListPage(page: number): Promise<PublicListPage> {
  const cache = localListCache();
  if (!cache) return listPublicBriefs(page);
  return cache.get(String(page), async () => ({
    page: await listPublicBriefs(page),
    cacheable: true,
  }));
}
