import 'server-only';
import { localListCache, type PublicListPage } from '@/lib/publication/page-cache';
import { listPublicBriefs } from '@/lib/publication/queries';

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
