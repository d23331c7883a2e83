import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs, readerReports } from '@/db/schema';
import { publishedBrief } from '@/lib/policy/test-briefs';
import { POST } from './route';

/**
 * The `Report an error` route handler: what a reader's browser gets for each outcome, through
 * lib and the database. Outside the production server every client counts as `unknown`, one
 * address: this file sends fewer reports than the limit.
 */

async function target() {
  const fixture = await publishedBrief();
  const [row] = await getDb()
    .select({ slug: briefs.slug, versionId: briefs.publishedVersionId })
    .from(briefs)
    .where(eq(briefs.id, fixture.id));
  return { briefId: fixture.id, slug: row?.slug as string, versionId: row?.versionId as string };
}

function post(slug: string, body: string, headers: Record<string, string> = {}) {
  return POST(
    new Request(`http://localhost:3000/briefs/${slug}/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    }),
    { params: Promise.resolve({ slug }) },
  );
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const stored = (message: string) =>
  getDb().select().from(readerReports).where(eq(readerReports.message, message));

describe('POST /briefs/<slug>/report', () => {
  it('stores the report and thanks the reader, on a page no cache keeps', async () => {
    const { briefId, slug, versionId } = await target();
    const message = 'The figure in section 1 is from 2019, not 2021.';
    const response = await post(
      slug,
      form({ brief: briefId, version: versionId, message, website: '' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
    const page = await response.text();
    expect(page).toContain('<h1>Thank you for your report</h1>');
    expect(page).not.toContain(message);
    expect(await stored(message)).toMatchObject([{ briefId, versionId, email: null }]);
  });

  it('answers bad input 400 with the form, what was typed and the messages, and stores nothing', async () => {
    const { briefId, slug, versionId } = await target();
    const response = await post(
      slug,
      form({ brief: briefId, version: versionId, message: 'Bad <b>', email: 'x@' }),
    );
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('>Bad &lt;b&gt;</textarea>');
    expect(page).toContain('value="x@"');
    expect(page).toContain('What is wrong? needs at least 10 characters');
    expect(page).toContain(`name="version" value="${versionId}"`);
    expect(await stored('Bad <b>')).toEqual([]);
  });

  it('answers a filled honeypot as if it were sent, and stores nothing', async () => {
    const { briefId, slug, versionId } = await target();
    const message = 'Great article, visit my excellent shop now.';
    const response = await post(
      slug,
      form({ brief: briefId, version: versionId, message, website: 'https://shop.example' }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Thank you for your report');
    expect(await stored(message)).toEqual([]);
  });

  it('refuses a version readers never saw (404), another site’s form (403), other bodies (415, 413)', async () => {
    const { briefId, slug } = await target();
    const message = 'Something in this brief is not right.';
    expect(
      (await post(slug, form({ brief: briefId, version: crypto.randomUUID(), message }))).status,
    ).toBe(404);
    expect(
      (
        await post(slug, form({ brief: briefId, version: briefId, message }), {
          'sec-fetch-site': 'cross-site',
        })
      ).status,
    ).toBe(403);
    expect(
      (await post(slug, JSON.stringify({ message }), { 'content-type': 'application/json' }))
        .status,
    ).toBe(415);
    expect((await post(slug, form({ brief: briefId, message: 'x'.repeat(70_000) }))).status).toBe(
      413,
    );
    expect((await post('Not A Slug', form({ message }))).status).toBe(404);
    expect(await stored(message)).toEqual([]);
  });
});
