import 'server-only';
import { updateTag } from 'next/cache';

/** Every cached public page carries this tag. */
export const PUBLIC_CACHE_TAG = 'public-briefs';

/**
 * Expires the cached public pages at once (not stale-while-revalidate: an unpublished brief
 * must not be served even once more). The one place to plug in a CDN purge later.
 */
export function refreshPublicPages(): void {
  updateTag(PUBLIC_CACHE_TAG);
}
