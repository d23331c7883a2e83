import { connection } from 'next/server';
import { publicListPage } from '@/app/_lib/public-cache';
import { newsroomTimeZone } from '@/lib/config';
import { DOCUMENT_SECURITY_HEADERS, renderAtomFeed } from '@/lib/publication/feeds';
import { getSiteSettings } from '@/lib/settings/site';

/**
 * The Atom feed of the 20 most recently checked published briefs. The production server holds
 * the answer in memory until a publication event changes the lists (scripts/server.ts).
 */
export async function GET() {
  await connection();
  const { items } = await publicListPage(1);
  return new Response(renderAtomFeed(await getSiteSettings(), items, newsroomTimeZone()), {
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'public, max-age=0, must-revalidate',
      ...DOCUMENT_SECURITY_HEADERS,
    },
  });
}
