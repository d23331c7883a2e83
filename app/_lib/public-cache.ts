import 'server-only';
import { updateTag } from 'next/cache';
import { getPublicSlug } from '@/lib/public/queries';

/** The front page, the feed and the sitemap. */
export const PUBLIC_LISTS_TAG = 'public-lists';

/** One brief's public page. */
export function publicBriefTag(slug: string): string {
  return `public-brief:${slug}`;
}

/**
 * Expires, at once, the cached public pages a change of this brief concerns: its own page, and
 * the lists when its place in them may have moved. Immediate (not stale-while-revalidate): an
 * unpublished brief must not be served even once more. The one place to plug in a CDN purge.
 */
export async function refreshPublicPages(
  briefId: string,
  options: { lists: boolean },
): Promise<void> {
  const slug = await getPublicSlug(briefId);
  if (slug) updateTag(publicBriefTag(slug));
  if (options.lists) updateTag(PUBLIC_LISTS_TAG);
}
