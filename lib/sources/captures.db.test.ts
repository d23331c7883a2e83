import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { captureContents, quoteChecks, sourceCaptures } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { emptyBriefDocument, type Source } from '@/lib/content/document';
import { makeSource } from '@/lib/content/test-fixtures';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import type { Actor } from '@/lib/policy/policy';
import { createTestPerson } from '@/lib/users/test-people';
import {
  getCapture,
  latestCaptures,
  requestCaptureAgain,
  requestMissingCaptures,
  takeNextCapture,
} from './captures';
import { tinyPdf } from './fixtures/tiny-pdf';
import { checkQuotes, quoteCheckKey } from './quote-checks';

const ARTICLE =
  '<!doctype html><html><head><title>Budget</title></head><body><article><p>The minister said the budget would grow by four per cent next year.</p></article></body></html>';

let server: Server;
let base = '';
let served = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    served += 1;
    if (request.url === '/article' || request.url === '/same-article') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(ARTICLE);
    } else if (request.url === '/moved') {
      response.writeHead(301, { location: '/article' });
      response.end();
    } else if (request.url === '/deep') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<html><body>${'<div>'.repeat(60_000)}Deep down.</body></html>`);
    } else if (request.url === '/report.pdf') {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.end(tinyPdf('Unemployment fell to 4.1 per cent.'));
    } else {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<p>Not here</p>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  // The fixture server is on this machine: allowed by name, as an intranet would be.
  vi.stubEnv('FACTDESK_FETCH_ALLOW', '127.0.0.1');
});

async function briefWith(editor: Actor, sources: Source[], baseRevision = 1, id?: string) {
  const briefId = id ?? (await createBrief(editor)).id;
  await saveBrief(editor, briefId, {
    baseRevision,
    kind: 'save',
    document: { ...emptyBriefDocument(), question: 'Did it grow?', sources },
  });
  return briefId;
}

async function takeAll() {
  let taken = 0;
  while (await takeNextCapture()) taken += 1;
  return taken;
}

describe('capturing the sources of a brief', () => {
  it('captures each source with an address once, following redirects, and says why one failed', async () => {
    const editor = await createTestPerson('editor');
    const briefId = await briefWith(editor, [
      makeSource('a', { url: `${base}/moved` }),
      makeSource('b', { url: `${base}/report.pdf` }),
      makeSource('c', { url: `${base}/gone` }),
      makeSource('d', { url: '' }),
    ]);
    expect(await requestMissingCaptures(editor, briefId)).toBe(3);
    const pending = await latestCaptures(editor, briefId);
    expect([...pending.values()].map((c) => c.state)).toEqual(['pending', 'pending', 'pending']);

    expect(await takeAll()).toBe(3);
    const captures = await latestCaptures(editor, briefId);
    expect(captures.get('a')).toMatchObject({
      state: 'captured',
      httpStatus: 200,
      finalUrl: `${base}/article`,
      mediaType: 'text/html',
      hasText: true,
      failureMessage: null,
    });
    expect(captures.get('a')?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(captures.get('b')).toMatchObject({ state: 'captured', mediaType: 'application/pdf' });
    expect(captures.get('c')).toMatchObject({
      state: 'failed',
      httpStatus: 404,
      failureMessage: `127.0.0.1:${new URL(base).port} answered HTTP 404: the page was not captured.`,
    });
    expect(captures.has('d')).toBe(false);
    // Each capture can be read whole, by its brief only.
    const page = await getCapture(editor, briefId, captures.get('a')!.id);
    expect(page.readableText).toContain('grow by four per cent');
    const other = await briefWith(editor, []);
    await expect(getCapture(editor, other, captures.get('a')!.id)).rejects.toThrow(NotFoundError);

    const texts = new Map(
      (await getDb().select().from(captureContents)).map((row) => [row.sha256, row.readableText]),
    );
    expect(texts.get(captures.get('a')!.sha256!)).toContain('grow by four per cent');
    expect(texts.get(captures.get('b')!.sha256!)).toBe('Unemployment fell to 4.1 per cent.');
    // The bytes are kept, compressed, exactly as served.
    const [stored] = await getDb()
      .select()
      .from(captureContents)
      .where(eq(captureContents.sha256, captures.get('a')!.sha256!));
    expect(brotliDecompressSync(stored!.compressed).toString()).toBe(ARTICLE);
    expect(stored!.byteLength).toBe(Buffer.byteLength(ARTICLE));

    // Nothing new to capture; a changed address is captured again, and so is one asked for.
    expect(await requestMissingCaptures(editor, briefId)).toBe(0);
    await briefWith(
      editor,
      [
        makeSource('a', { url: `${base}/same-article` }),
        makeSource('b', { url: `${base}/report.pdf` }),
      ],
      2,
      briefId,
    );
    expect(await requestMissingCaptures(editor, briefId)).toBe(1);
    await requestCaptureAgain(editor, briefId, 'b');
    expect(await takeAll()).toBe(2);
    const again = await latestCaptures(editor, briefId);
    // The same bytes from another address: one content, two captures.
    expect(again.get('a')?.sha256).toBe(captures.get('a')?.sha256);
    expect(again.get('b')?.fetchedAt?.getTime()).toBeGreaterThan(
      captures.get('b')!.fetchedAt!.getTime(),
    );
  });

  it('refuses an address the safe fetcher refuses, with its reason', async () => {
    vi.stubEnv('FACTDESK_FETCH_ALLOW', '');
    const editor = await createTestPerson('editor');
    const briefId = await briefWith(editor, [makeSource('a', { url: `${base}/article` })]);
    await requestMissingCaptures(editor, briefId);
    await takeAll();
    const capture = (await latestCaptures(editor, briefId)).get('a');
    expect(capture?.state).toBe('failed');
    expect(capture?.failureMessage).toMatch(/127\.0\.0\.1/);
    const [row] = await getDb()
      .select()
      .from(sourceCaptures)
      .where(eq(sourceCaptures.id, capture!.id));
    expect(row?.failureReason).toBe('refused-address');
  });

  it('takes again a capture whose worker died, and gives up after three tries', async () => {
    const editor = await createTestPerson('editor');
    const briefId = await briefWith(editor, [makeSource('a', { url: `${base}/article` })]);
    await requestMissingCaptures(editor, briefId);
    const [row] = await getDb()
      .select()
      .from(sourceCaptures)
      .where(eq(sourceCaptures.briefId, briefId));
    // Claimed by a worker that died three minutes ago.
    await getDb()
      .update(sourceCaptures)
      .set({ claimedAt: sql`now() - interval '3 minutes'`, attempts: 1 })
      .where(eq(sourceCaptures.id, row!.id));
    const before = served;
    expect(await takeAll()).toBe(1);
    expect(served).toBe(before + 1);
    expect((await latestCaptures(editor, briefId)).get('a')?.state).toBe('captured');

    await requestCaptureAgain(editor, briefId, 'a');
    await getDb()
      .update(sourceCaptures)
      .set({ claimedAt: sql`now() - interval '3 minutes'`, attempts: 3 })
      .where(sql`${sourceCaptures.briefId} = ${briefId} and ${sourceCaptures.state} = 'pending'`);
    expect(await takeAll()).toBe(0);
    expect((await latestCaptures(editor, briefId)).get('a')).toMatchObject({
      state: 'failed',
      failureMessage: 'The capture did not finish after 3 tries.',
    });
  });

  it('is for the newsroom only, and only for sources with an address', async () => {
    const editor = await createTestPerson('editor');
    const briefId = await briefWith(editor, [makeSource('a', { url: '' })]);
    await expect(requestCaptureAgain(editor, briefId, 'a')).rejects.toThrow(NotFoundError);
    await expect(requestCaptureAgain(editor, briefId, 'nope')).rejects.toThrow(NotFoundError);
    await expect(requestMissingCaptures(null as unknown as Actor, briefId)).rejects.toThrow(
      ForbiddenError,
    );
    await expect(latestCaptures(null as unknown as Actor, briefId)).rejects.toThrow(ForbiddenError);
  });

  it("checks a source's quote when its page is captured, and keeps every check", async () => {
    const editor = await createTestPerson('editor');
    const briefId = await briefWith(editor, [
      makeSource('a', { url: `${base}/article`, quote: 'the budget would grow by four per cent' }),
    ]);
    await requestMissingCaptures(editor, briefId);
    await takeAll();
    const sha256 = (await latestCaptures(editor, briefId)).get('a')!.sha256!;
    const kept = await getDb()
      .select()
      .from(quoteChecks)
      .where(eq(quoteChecks.contentSha256, sha256));
    expect(kept).toEqual([
      expect.objectContaining({ found: true, match: 'the budget would grow by four per cent' }),
    ]);
    const asked = [
      { sha256, quote: 'The budget would grow by four per cent' },
      { sha256, quote: 'The budget would shrink.' },
      { sha256, quote: '   ' },
    ];
    const results = await checkQuotes(editor, asked);
    // The same quote to the eye is the same check; a new quote is looked for and kept.
    expect(results.get(quoteCheckKey(asked[0]!))).toMatchObject({ found: true });
    expect(results.get(quoteCheckKey(asked[1]!))).toEqual({ found: false });
    expect(results.size).toBe(2);
    expect(
      await getDb().select().from(quoteChecks).where(eq(quoteChecks.contentSha256, sha256)),
    ).toHaveLength(2);
  });

  it('keeps a page nested too deep to read, without its text, rather than failing over and over', async () => {
    const editor = await createTestPerson('editor');
    const briefId = await briefWith(editor, [makeSource('a', { url: `${base}/deep` })]);
    await requestMissingCaptures(editor, briefId);
    // Asked twice before it is taken: one capture.
    await requestCaptureAgain(editor, briefId, 'a');
    expect(await takeAll()).toBe(1);
    expect((await latestCaptures(editor, briefId)).get('a')).toMatchObject({
      state: 'captured',
      httpStatus: 200,
    });
  });
});
