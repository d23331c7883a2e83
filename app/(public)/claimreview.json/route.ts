import { connection } from 'next/server';
import { z } from 'zod';
import { listPublishedClaimReviews } from '@/lib/publication/claim-reviews';
import { DOCUMENT_SECURITY_HEADERS } from '@/lib/publication/feeds';
import { getSiteSettings } from '@/lib/settings/site';

const pageSchema = z.coerce.number().int().min(1).max(100_000);

const headers = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'public, max-age=0, must-revalidate',
  ...DOCUMENT_SECURITY_HEADERS,
};

/**
 * Every published claim review, for aggregators (fact-check search engines, researchers' data
 * sets): schema.org ClaimReviews as the briefs' pages state them, the most recently checked
 * first, a hundred a page (`?page=N`, with `next` and `prev` addresses and the total).
 */
export async function GET(request: Request) {
  await connection();
  const requested = new URL(request.url).searchParams.get('page');
  const page = pageSchema.safeParse(requested ?? 1);
  if (!page.success) {
    return new Response(JSON.stringify({ error: 'page must be a whole number from 1.' }), {
      status: 400,
      headers: { ...headers, 'cache-control': 'no-store' },
    });
  }
  const list = await listPublishedClaimReviews(await getSiteSettings(), page.data);
  return new Response(JSON.stringify(list), { headers });
}
