import { connection } from 'next/server';
import { DOCUMENT_SECURITY_HEADERS, renderSitemap } from '@/lib/publication/feeds';
import { listPublishedSlugs } from '@/lib/publication/queries';
import { getSiteSettings } from '@/lib/settings/site';

/**
 * The sitemap of every published brief. The production server holds the answer in memory until
 * a publication event changes the lists (scripts/server.ts).
 */
export async function GET() {
  await connection();
  return new Response(renderSitemap(await getSiteSettings(), await listPublishedSlugs()), {
    headers: {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': 'public, max-age=0, must-revalidate',
      ...DOCUMENT_SECURITY_HEADERS,
    },
  });
}
