import { unstable_cache } from 'next/cache';
import { connection } from 'next/server';
import { PUBLIC_LISTS_TAG } from '@/app/_lib/public-cache';
import { DOCUMENT_SECURITY_HEADERS, renderSitemap } from '@/lib/public/feeds';
import { listPublishedSlugs } from '@/lib/public/queries';
import { siteSettings } from '@/lib/public/site';

const sitemap = unstable_cache(
  async () => renderSitemap(siteSettings(), await listPublishedSlugs()),
  ['public-sitemap'],
  { tags: [PUBLIC_LISTS_TAG] },
);

export async function GET() {
  await connection();
  return new Response(await sitemap(), {
    headers: {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': 'public, max-age=0, must-revalidate',
      ...DOCUMENT_SECURITY_HEADERS,
    },
  });
}
