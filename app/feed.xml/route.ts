import { Feed } from 'feed';
import { unstable_cache } from 'next/cache';
import { connection } from 'next/server';
import { PUBLIC_LISTS_TAG } from '@/app/_lib/public-cache';
import { listPublicBriefs } from '@/lib/public/queries';
import { siteSettings } from '@/lib/public/site';

/** The Atom feed of the 20 most recently checked published briefs. */
const atomFeed = unstable_cache(
  async () => {
    const site = siteSettings();
    const { items } = await listPublicBriefs(1);
    const updated = items[0] ? new Date(`${items[0].checkedOn}T00:00:00Z`) : new Date(0);
    const feed = new Feed({
      title: `${site.name} — fact-check briefs`,
      description: 'Short, sourced answers, checked by a second person and dated.',
      id: `${site.baseUrl}/`,
      link: `${site.baseUrl}/`,
      language: 'en',
      updated,
      copyright: site.name,
      feedLinks: { atom: `${site.baseUrl}/feed.xml` },
    });
    for (const item of items) {
      const url = `${site.baseUrl}/briefs/${item.slug}`;
      feed.addItem({
        title: item.question,
        id: url,
        link: url,
        description: item.excerpt,
        date: new Date(`${item.checkedOn}T00:00:00Z`),
      });
    }
    return feed.atom1();
  },
  ['public-feed'],
  { tags: [PUBLIC_LISTS_TAG] },
);

export async function GET() {
  await connection();
  return new Response(await atomFeed(), {
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'public, max-age=0, must-revalidate',
    },
  });
}
