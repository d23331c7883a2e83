import { z } from 'zod';
import { getActor } from '@/lib/auth/session';
import { getBriefForEditing, getVersion } from '@/lib/briefs/queries';
import { withoutSuggestions } from '@/lib/content/suggestion-projections';
import { versionNumberSchema } from '@/lib/content/version-number';
import { NotFoundError } from '@/lib/errors';
import { can } from '@/lib/policy/policy';
import { getArticleForStaff } from '@/lib/publication/article-context';
import { renderPublicBrief } from '@/lib/publication/render';
import { html } from '@/lib/publication/safe-html';
import { getSiteSettings } from '@/lib/settings/site';

const htmlResponse = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private, no-store',
      'x-robots-tag': 'noindex, nofollow',
    },
  });

/**
 * Any version (the current one by default, or `?v=N`) exactly as the public page would show it,
 * for signed-in staff only and never cached. Drafts have no "Checked on" date yet: today's
 * newsroom date stands in, and a banner says so. Pending suggestions are not shown: the text as it
 * stands (all of them rejected) is what readers would get.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  if (!actor) {
    const back = encodeURIComponent(new URL(request.url).pathname);
    return Response.redirect(new URL(`/login?callbackUrl=${back}`, request.url), 303);
  }
  if (!can(actor, 'briefs.view')) return htmlResponse('<h1>Forbidden</h1>', 403);
  if (!z.uuid().safeParse(id).success) return htmlResponse('<h1>Not found</h1>', 404);
  const v = new URL(request.url).searchParams.get('v');
  const versionParam = v === null ? undefined : versionNumberSchema.safeParse(v);
  if (versionParam && !versionParam.success) return htmlResponse('<h1>No such version</h1>', 404);
  try {
    const version = versionParam
      ? await getVersion(actor, id, versionParam.data)
      : { document: (await getBriefForEditing(actor, id)).document, number: undefined };
    const document = await withoutSuggestions(version.document);
    const article = await getArticleForStaff(actor, id, document);
    const banner = html`<p class="preview-banner" role="note">Preview${version.number ? ` of version ${version.number}` : ''} — not published. “Checked on” shows today until a reviewer approves.</p>`;
    const page = renderPublicBrief(
      {
        slug: 'preview',
        question: document.question || 'Untitled brief',
        checkedOn: article.checkedOn,
        firstPublishedAt: new Date(),
        modifiedAt: new Date(),
        reviewedBy: '',
        document,
        corrections: article.corrections,
        relatedSlugs: article.relatedSlugs,
      },
      await getSiteSettings(),
      banner,
    );
    return htmlResponse(page);
  } catch (error) {
    if (error instanceof NotFoundError) return htmlResponse('<h1>Not found</h1>', 404);
    throw error;
  }
}
