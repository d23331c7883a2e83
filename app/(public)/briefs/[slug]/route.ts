import { z } from 'zod';
import { PUBLIC_PAGE_CSP } from '@/lib/publication/html-page';
import { getPublicBrief } from '@/lib/publication/queries';
import { renderGone, renderMissing, renderPublicBrief } from '@/lib/publication/render';
import { getSiteSettings } from '@/lib/settings/site';

/**
 * A published brief as plain HTML: no client JavaScript, no RSC payload, and a real 410 for an
 * unpublished brief (App Router pages cannot answer 410). The production server keeps rendered
 * pages in memory and every instance empties them on publication events (scripts/server.ts); a
 * second cache here would be one that other instances cannot empty.
 */
async function renderedBrief(
  slug: string,
): Promise<{ status: 'published' | 'unpublished'; html: string } | { status: 'missing' }> {
  const lookup = await getPublicBrief(slug);
  if (lookup.status === 'published') {
    return { status: 'published', html: renderPublicBrief(lookup.brief, await getSiteSettings()) };
  }
  if (lookup.status === 'unpublished') {
    return { status: 'unpublished', html: renderGone(await getSiteSettings(), lookup.withdrawal) };
  }
  return { status: 'missing' };
}

const slugSchema = z.string().regex(/^[a-z0-9-]{1,100}$/);

const html = (body: string, status: number, cacheControl: string) =>
  new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': cacheControl,
      'content-security-policy': PUBLIC_PAGE_CSP,
    },
  });

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const parsed = slugSchema.safeParse((await params).slug);
  if (!parsed.success) return html(renderMissing(await getSiteSettings()), 404, 'no-store');
  const slug = parsed.data;
  const page = await renderedBrief(slug);
  if (page.status === 'published')
    return html(page.html, 200, 'public, max-age=0, must-revalidate');
  if (page.status === 'unpublished') return html(page.html, 410, 'no-store');
  return html(renderMissing(await getSiteSettings()), 404, 'no-store');
}
