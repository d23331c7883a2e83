import { unstable_cache } from 'next/cache';
import { connection } from 'next/server';
import { PUBLIC_LISTS_TAG } from '@/app/_lib/public-cache';
import { listPublishedSlugs } from '@/lib/public/queries';
import { escapeHtml } from '@/lib/public/render';
import { siteSettings } from '@/lib/public/site';

const sitemap = unstable_cache(
  async () => {
    const { baseUrl } = siteSettings();
    const urls = (await listPublishedSlugs())
      .map(
        ({ slug, checkedOn }) =>
          `<url><loc>${escapeHtml(`${baseUrl}/briefs/${slug}`)}</loc><lastmod>${escapeHtml(checkedOn)}</lastmod></url>`,
      )
      .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>${escapeHtml(`${baseUrl}/`)}</loc></url>
${urls}
</urlset>`;
  },
  ['public-sitemap'],
  { tags: [PUBLIC_LISTS_TAG] },
);

export async function GET() {
  await connection();
  return new Response(await sitemap(), {
    headers: {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': 'public, max-age=0, must-revalidate',
    },
  });
}
