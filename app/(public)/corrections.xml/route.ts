import { connection } from 'next/server';
import { renderCorrectionsFeed } from '@/lib/publication/corrections-feed';
import { DOCUMENT_SECURITY_HEADERS } from '@/lib/publication/feeds';
import { listPublicCorrections } from '@/lib/publication/public-corrections';
import { getSiteSettings } from '@/lib/settings/site';

/**
 * The Atom feed of the 20 newest public notes. The production server holds the answer in memory
 * until a publication event changes the lists (a new note, an unpublish, a publication).
 */
export async function GET() {
  await connection();
  const { items } = await listPublicCorrections(1);
  return new Response(renderCorrectionsFeed(await getSiteSettings(), items), {
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'public, max-age=0, must-revalidate',
      ...DOCUMENT_SECURITY_HEADERS,
    },
  });
}
