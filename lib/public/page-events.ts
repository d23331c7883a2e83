import 'server-only';
import { getDb } from '@/db/client';
import { EVERY_PAGE, invalidateLocalPageCache, PUBLIC_PAGES_CHANNEL } from './page-cache';

/**
 * Tells every server's page cache that a public brief page changed (`null`: every page): this
 * process at once, the others through Postgres NOTIFY.
 */
export async function announcePublicPageChange(slug: string | null): Promise<void> {
  invalidateLocalPageCache(slug);
  await getDb().$client.notify(PUBLIC_PAGES_CHANNEL, slug ?? EVERY_PAGE);
}
