import 'server-only';
import { z } from 'zod';
import { noteDatabaseError } from '@/db/client';
import { clientAddressOf } from '@/lib/auth/client-address';
import { baseUrl } from '@/lib/config';
import { databaseTroubleMessages, NotFoundError } from '@/lib/errors';
import { log } from '@/lib/log';
import { PUBLIC_PAGE_CSP } from '@/lib/publication/html-page';
import {
  type ReaderFormState,
  renderNotReportablePage,
  renderThanksPage,
  renderThrottledPage,
  type WayBack,
} from '@/lib/reports/report-pages';
import { type ReaderSubmission, submitReaderReport } from '@/lib/reports/reports';
import { getSiteSettings } from '@/lib/settings/site';

/** More than any form a reader can fill (2,000 characters, each up to 12 bytes encoded). */
const MAX_FORM_BYTES = 64 * 1024;

export function htmlAnswer(body: string, status: number, headers: Record<string, string> = {}) {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // What a reader typed may be in it: never kept by any cache.
      'cache-control': 'no-store',
      'content-security-policy': PUBLIC_PAGE_CSP,
      ...headers,
    },
  });
}

function plainAnswer(text: string, status: number) {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** The fields of a urlencoded form (the first of each name), or why it cannot be read. */
async function readForm(request: Request): Promise<Record<string, string> | Response> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    return plainAnswer('Send the form as application/x-www-form-urlencoded.', 415);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_FORM_BYTES) return plainAnswer('This form is too large.', 413);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FORM_BYTES) {
      await reader.cancel();
      return plainAnswer('This form is too large.', 413);
    }
    chunks.push(value);
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    if (!(name in fields)) fields[name] = value;
  }
  return fields;
}

interface ReaderFormRoute<Schema extends z.ZodType> {
  request: Request;
  schema: Schema;
  toSubmission: (input: z.output<Schema>) => ReaderSubmission;
  kind: ReaderSubmission['kind'];
  back: WayBack;
  /** The form again, with what was typed (`form`: every field as sent) and why it was not sent. */
  formPage: (state: ReaderFormState, form: Record<string, string>) => Promise<string>;
}

/**
 * Whether a browser sent the form from this site's own pages: Fetch Metadata says so (a sister
 * subdomain is `same-site`, a sandboxed frame `cross-site`); a browser without it names the
 * page's origin. A client that sends neither is no browser acting for a visitor.
 */
function sentFromThisSite(headers: Headers): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none';
  const origin = headers.get('origin');
  return origin === null || origin === new URL(baseUrl()).origin;
}

/**
 * A reader's form posted to the public site: parsed and bounded, sent to lib/reports with the
 * client's address, and answered with a plain page (thanks 200, the form again 400 or 503,
 * 429 with Retry-After over the limit, 404 for a brief no longer published).
 */
export async function answerReaderForm<Schema extends z.ZodType>(
  route: ReaderFormRoute<Schema>,
): Promise<Response> {
  const { request } = route;
  // A form on another site posting here in a visitor's name (their address, their limit).
  if (!sentFromThisSite(request.headers)) {
    return plainAnswer('This form can only be sent from this site.', 403);
  }
  const form = await readForm(request);
  if (form instanceof Response) return form;
  const values = { message: form.message ?? '', email: form.email ?? '' };
  const parsed = route.schema.safeParse(form);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors as ReaderFormState['errors'];
    return htmlAnswer(await route.formPage({ values, errors }, form), 400);
  }
  const site = await getSiteSettings();
  try {
    const result = await submitReaderReport(
      route.toSubmission(parsed.data),
      clientAddressOf(request.headers),
    );
    if (result.status === 'throttled') {
      return htmlAnswer(renderThrottledPage(site, result.retryAfterMs, route.back), 429, {
        'retry-after': String(Math.ceil(result.retryAfterMs / 1000)),
      });
    }
    return htmlAnswer(renderThanksPage(site, route.kind, route.back), 200);
  } catch (error) {
    if (error instanceof NotFoundError) {
      return htmlAnswer(renderNotReportablePage(site, error.message), 404);
    }
    const trouble = noteDatabaseError(error);
    if (!trouble) throw error;
    log.warn({ err: error, trouble }, 'a reader form found the database in trouble');
    const problem = `${databaseTroubleMessages[trouble]} Nothing was sent; what you typed is kept, try again in a moment.`;
    return htmlAnswer(await route.formPage({ values, problem }, form), 503, {
      'retry-after': '60',
    });
  }
}
