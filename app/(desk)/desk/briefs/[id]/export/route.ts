import { z } from 'zod';
import { getActor } from '@/lib/auth/session';
import { getBriefForEditing, getVersion } from '@/lib/briefs/queries';
import { listThreads } from '@/lib/comments/queries';
import { versionNumberSchema } from '@/lib/content/version-number';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { exportFormats } from '@/lib/export/format-names';
import { exportFile } from '@/lib/export/formats';
import { can } from '@/lib/policy/policy';

const querySchema = z.object({
  format: z.enum(exportFormats),
  v: versionNumberSchema.optional(),
  /** `1`: the brief's comment threads too (Markdown only). */
  comments: z.literal('1').optional(),
});

const text = (body: string, status: number) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' },
  });

/**
 * A version of a brief (the current one by default, or `?v=N`) as a file to download:
 * `?format=markdown|json|csl`; `&comments=1` adds the brief's comment threads to the Markdown
 * (only on request: comments are not content). Staff only, never cached.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const url = new URL(request.url);
  const actor = await getActor();
  if (!actor) {
    const back = encodeURIComponent(url.pathname + url.search);
    return Response.redirect(new URL(`/login?callbackUrl=${back}`, request.url), 303);
  }
  if (!can(actor, 'briefs.view')) return text('You may not export briefs.', 403);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    return text('Ask for format=markdown, json or csl, and optionally v=N and comments=1.', 400);
  }
  if (query.data.comments && query.data.format !== 'markdown') {
    return text('Comments come with the Markdown export only (format=markdown).', 400);
  }
  try {
    const version = query.data.v
      ? await getVersion(actor, id, query.data.v)
      : await getBriefForEditing(actor, id).then((brief) => ({
          number: brief.head.number,
          document: brief.document,
        }));
    const file = await exportFile(version.document, {
      briefId: id,
      versionNumber: version.number,
      format: query.data.format,
      threads: query.data.comments ? await listThreads(actor, id) : undefined,
    });
    return new Response(file.body, {
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.fileName}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return text(error.message, 404);
    if (error instanceof ForbiddenError) return text(error.message, 403);
    throw error;
  }
}
