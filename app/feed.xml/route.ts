import { unstable_cache } from 'next/cache';
import { connection } from 'next/server';
import { PUBLIC_LISTS_TAG } from '@/app/_lib/public-cache';
import { DOCUMENT_SECURITY_HEADERS, renderAtomFeed } from '@/lib/public/feeds';
import { listPublicBriefs } from '@/lib/public/queries';
import { siteSettings } from '@/lib/public/site';

/** The Atom feed of the 20 most recently checked published briefs. */
const atomFeed = unstable_cache(
  async () => renderAtomFeed(siteSettings(), (await listPublicBriefs(1)).items),
  ['public-feed'],
  { tags: [PUBLIC_LISTS_TAG] },
);

export async function GET() {
  await connection();
  return new Response(await atomFeed(), {
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'public, max-age=0, must-revalidate',
      ...DOCUMENT_SECURITY_HEADERS,
    },
  });
}
