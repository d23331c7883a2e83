import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { JOB_SCHEMA } from '@/db/job-queues';
import { approvals, briefs, notifications, sourceChecks } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { type BriefDocument, emptyBriefDocument, type Source } from '@/lib/content/document';
import { makeSource } from '@/lib/content/test-fixtures';
import { ForbiddenError, InvalidError } from '@/lib/errors';
import { log } from '@/lib/log';
import type { Actor } from '@/lib/policy/policy';
import { publishBrief, recheckBrief } from '@/lib/publication/mutations';
import { PUBLIC_CHANGES_CHANNEL, parsePublicChange } from '@/lib/publication/page-cache';
import { getPublicBrief } from '@/lib/publication/queries';
import { latestCaptures, requestMissingCaptures, takeNextCapture } from '@/lib/sources/captures';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { plainHostnameSql, watchedSources } from './check-store';
import { checkSourcesOfHost, sendSourceChecksDueAt } from './jobs';
import { setReviewInterval } from './mutations';
import { getSourceWatch, listRecheckDue, listSourcesNeedingAttention } from './queries';
import { checkPeriodMs, RETRY_AFTER_MS } from './schedule';

const period = checkPeriodMs(24);
const day = 24 * 60 * 60 * 1000;

/** What a fixture page answers, changed by a test between checks. */
type Answer =
  | { page: string }
  | { status: number }
  | { redirect: string }
  /** The connection is cut before any answer: a network error. */
  | { reset: true };

/** A site on 127.0.0.1 whose pages change state between checks, counting its requests. */
async function startOrigin(
  options: { robots?: string | { status: number }; delayMs?: number } = {},
) {
  const answers = new Map<string, Answer>();
  const requests: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    if (path === '/robots.txt') {
      if (options.robots === undefined) response.writeHead(404).end();
      else if (typeof options.robots === 'object') response.writeHead(options.robots.status).end();
      else response.writeHead(200, { 'content-type': 'text/plain' }).end(options.robots);
      return;
    }
    const found = answers.get(path) ?? { status: 404 };
    if ('reset' in found) request.socket.destroy();
    else if ('redirect' in found) response.writeHead(301, { location: found.redirect }).end();
    else if ('status' in found) response.writeHead(found.status).end('<p>Not here</p>');
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(found.page);
  };
  const server = createServer((request, response) => {
    requests.push(request.url ?? '/');
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => {
      inFlight -= 1;
    });
    if (options.delayMs) setTimeout(() => answer(request, response), options.delayMs);
    else answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return {
    host,
    url: (path: string) => `http://${host}${path}`,
    set: (path: string, to: Answer) => answers.set(path, to),
    requests,
    maxInFlight: () => maxInFlight,
  };
}
const servers: ReturnType<typeof createServer>[] = [];
afterAll(() =>
  Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))),
);

beforeEach(() => {
  // The fixture sites are on this machine: allowed by address, as an intranet would be.
  vi.stubEnv('FACTDESK_FETCH_ALLOW', '127.0.0.1');
});

const QUOTE = 'the budget for schools would grow by four per cent next year';

/** An article long enough that one reworded sentence is cosmetic (text-compare.ts). */
function article(options: { roads?: string; quote?: boolean; updated?: string } = {}) {
  const paragraphs = [
    `The minister said ${options.quote === false ? 'the budget for schools was still under discussion' : QUOTE}, after a long debate in parliament.`,
    `Spending on roads rose by ${options.roads ?? '12'} per cent over the same period, according to the finance ministry.`,
    'Officials described the change as a response to rising enrolment in the northern regions of the country.',
    'Critics argued that the increase would barely keep pace with inflation and would do little for rural schools.',
    'Teachers’ unions welcomed the announcement but warned that recruitment remained the main problem facing the sector.',
    'The opposition called for an independent review of how the extra money would be shared between schools.',
  ];
  return `<!doctype html><html><head><title>Budget</title></head><body><article><h1>Schools budget</h1><p>Updated ${options.updated ?? '5 March 2026'}</p>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}

const cite = (sourceId: string, n: number, part: string) => ({
  type: 'paragraph',
  content: [
    { type: 'text', text: `Claim number ${n} rests on this source. ` },
    { type: 'citation', attrs: { citationId: `${part}-${sourceId}`, sourceId } },
  ],
});

function documentCiting(sources: Source[]): BriefDocument {
  return {
    ...emptyBriefDocument(),
    question: 'Will the schools budget grow next year?',
    summary: { type: 'doc', content: sources.map((s, i) => cite(s.id, i + 1, 'summary')) },
    body: { type: 'doc', content: [cite(sources[0]!.id, 1, 'body')] },
    sources,
  };
}

interface Published {
  briefId: string;
  slug: string;
  editor: Actor;
  reviewer: Actor;
}

/**
 * A brief citing `sources`, captured, approved (binding those captures) and published; its
 * approval and first publication are put 40 days back, so that a clock in the past can check
 * it and a re-check made now comes after those checks.
 */
async function publishedCiting(sources: Source[]): Promise<Published> {
  const editor = await createTestPerson('editor');
  const reviewer = await createTestPerson('reviewer');
  const { id } = await createBrief(editor);
  const saved = await saveBrief(editor, id, {
    baseRevision: 1,
    kind: 'save',
    document: documentCiting(sources),
  });
  await requestMissingCaptures(editor, id);
  while (await takeNextCapture());
  await submitForReview(editor, id);
  const versionNumber = saved.head.number;
  await approveBrief(reviewer, id, {
    versionNumber,
    verifiedSourceIds: sources.map((s) => s.id),
  });
  await publishBrief(reviewer, id, { versionNumber });
  const fortyDaysAgo = new Date(Date.now() - 40 * day);
  await getDb().update(approvals).set({ createdAt: fortyDaysAgo }).where(eq(approvals.briefId, id));
  const [row] = await getDb()
    .update(briefs)
    .set({ firstPublishedAt: fortyDaysAgo })
    .where(eq(briefs.id, id))
    .returning({ slug: briefs.slug });
  return { briefId: id, slug: row!.slug!, editor, reviewer };
}

/** A clock 30 days back, moved a period at a time. */
function fakeClock(start = new Date(Date.now() - 30 * day)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms = period) => {
      now = new Date(now.getTime() + ms);
      return now;
    },
    set: (to: Date) => {
      now = to;
    },
  };
}

async function runChecks(host: string, clock: { now: () => Date }) {
  expect(await sendSourceChecksDueAt(clock.now())).toContain(host);
  await checkSourcesOfHost({ host }, { now: clock.now, pauseMs: 0 });
}

async function checksOf(briefId: string, sourceId: string) {
  return getDb()
    .select()
    .from(sourceChecks)
    .where(and(eq(sourceChecks.briefId, briefId), eq(sourceChecks.sourceId, sourceId)))
    .orderBy(sourceChecks.checkedAt);
}

async function attentionNotices(briefId: string) {
  return getDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.briefId, briefId), eq(notifications.kind, 'source_attention')));
}

/** The public pages' announcements of one brief's page alone, as another instance hears them. */
async function listenToPageOf(slug: string) {
  const listener = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
  const heard: unknown[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  await listener.listen(PUBLIC_CHANGES_CHANNEL, (payload) => {
    const change = parsePublicChange(payload);
    if (change && 'slug' in change && change.slug === slug && !change.lists) heard.push(change);
    for (const wait of waiting) if (heard.length >= wait.count) wait.resolve();
  });
  return {
    heard,
    /** Resolves once `count` announcements arrived (NOTIFY comes in commit order). */
    until: (count: number) =>
      new Promise<void>((resolve) => {
        if (heard.length >= count) resolve();
        else waiting.push({ count, resolve });
      }),
    end: () => listener.end({ timeout: 2 }),
  };
}

describe('watching the sources of published briefs', () => {
  let origin: Awaited<ReturnType<typeof startOrigin>>;
  beforeAll(async () => {
    origin = await startOrigin();
  });

  it('classifies each check as the page goes ok → changed → quote missing → gone → moved, and tells reviewers once per new state', async () => {
    origin.set('/budget', { page: article() });
    const source = makeSource('a', {
      url: origin.url('/budget'),
      quote: QUOTE,
      archiveUrl: 'https://web.archive.org/web/20260305000000/https://example.org/budget',
    });
    const brief = await publishedCiting([source]);
    const page = await listenToPageOf(brief.slug);
    const clock = fakeClock();
    const status = async () => (await checksOf(brief.briefId, 'a')).map((c) => c.status);

    // ok: as approved (the date on the page moved: cosmetic).
    origin.set('/budget', { page: article({ updated: '9 March 2026' }) });
    await runChecks(origin.host, clock);
    expect(await status()).toEqual(['ok']);
    const [first] = await checksOf(brief.briefId, 'a');
    const approved = (await latestCaptures(brief.editor, brief.briefId)).get('a')!.sha256;
    expect(first).toMatchObject({ httpStatus: 200, approvedSha256: approved });
    // Run again at the same time: nothing is due, nothing is fetched.
    const fetched = origin.requests.length;
    await checkSourcesOfHost({ host: origin.host }, { now: clock.now, pauseMs: 0 });
    expect(await status()).toEqual(['ok']);
    expect(origin.requests.length).toBe(fetched);
    expect(await listSourcesNeedingAttention(brief.reviewer, clock.now())).toEqual([]);

    // changed: a figure that is not in the quote.
    clock.advance();
    origin.set('/budget', { page: article({ roads: '15' }) });
    await runChecks(origin.host, clock);
    expect(await status()).toEqual(['ok', 'changed']);
    const notices = await attentionNotices(brief.briefId);
    expect(notices.map((n) => n.userId)).toEqual([brief.reviewer.id]);
    expect(notices[0]!.message).toBe(
      'Source [1] of “Will the schools budget grow next year?” needs attention (Changed): A figure changed since the approved capture (1 passage removed, 1 added).',
    );
    const [entry] = await listSourcesNeedingAttention(brief.reviewer, clock.now());
    expect(entry).toMatchObject({
      briefId: brief.briefId,
      question: 'Will the schools budget grow next year?',
    });
    expect(entry!.sources).toHaveLength(1);
    expect(entry!.sources[0]).toMatchObject({ number: 1, status: 'changed', archiveUrl: null });
    expect(entry!.sources[0]!.changes).toEqual([
      {
        removed: [
          'Spending on roads rose by 12 per cent over the same period, according to the finance ministry.',
        ],
        added: [
          'Spending on roads rose by 15 per cent over the same period, according to the finance ministry.',
        ],
      },
    ]);
    expect(entry!.sources[0]!.history.map((c) => c.status)).toEqual(['changed', 'ok']);
    // What was found is the source's newest capture: a re-check would see and bind it.
    expect((await latestCaptures(brief.editor, brief.briefId)).get('a')!.sha256).not.toBe(approved);

    // Still changed the same way: no second notice.
    clock.advance();
    await runChecks(origin.host, clock);
    expect(await status()).toEqual(['ok', 'changed', 'changed']);
    expect(await attentionNotices(brief.briefId)).toHaveLength(1);

    // quote missing: a new state, a new notice.
    clock.advance();
    origin.set('/budget', { page: article({ roads: '15', quote: false }) });
    await runChecks(origin.host, clock);
    expect((await status()).at(-1)).toBe('quote_missing');
    expect(await attentionNotices(brief.briefId)).toHaveLength(2);
    const [missing] = await listSourcesNeedingAttention(brief.reviewer, clock.now());
    expect(missing!.sources[0]).toMatchObject({
      status: 'quote_missing',
      message: "The source's quote is no longer in the page.",
    });

    // gone: the public page offers the archived copy first from now on.
    clock.advance();
    origin.set('/budget', { status: 404 });
    await runChecks(origin.host, clock);
    expect((await status()).at(-1)).toBe('gone');
    expect(await attentionNotices(brief.briefId)).toHaveLength(3);
    await page.until(1);
    const publicPage = await getPublicBrief(brief.slug);
    expect(publicPage.status === 'published' && publicPage.brief.goneSourceIds).toEqual(['a']);
    const [gone] = await listSourcesNeedingAttention(brief.reviewer, clock.now());
    expect(gone!.sources[0]).toMatchObject({
      status: 'gone',
      message: `${origin.host} answers HTTP 404: the page is gone.`,
      archiveUrl: source.archiveUrl,
      changes: null,
    });

    // moved: it answers again, from another address, as approved. No longer gone, nor listed.
    clock.advance();
    origin.set('/budget', { redirect: '/2026/budget' });
    origin.set('/2026/budget', { page: article() });
    await runChecks(origin.host, clock);
    expect(await status()).toEqual(['ok', 'changed', 'changed', 'quote_missing', 'gone', 'moved']);
    expect((await checksOf(brief.briefId, 'a')).at(-1)).toMatchObject({
      finalUrl: origin.url('/2026/budget'),
      message: `The page redirects to another address: ${origin.url('/2026/budget')}.`,
    });
    expect(await attentionNotices(brief.briefId)).toHaveLength(3);
    await page.until(2);
    // Announced when it became gone and when it stopped, and at no other check.
    expect(page.heard).toHaveLength(2);
    const after = await getPublicBrief(brief.slug);
    expect(after.status === 'published' && after.brief.goneSourceIds).toEqual([]);
    expect(await listSourcesNeedingAttention(brief.reviewer, clock.now())).toEqual([]);
    await page.end();
  });

  it('clears an entry at a re-check, and compares later checks with the capture it bound', async () => {
    origin.set('/report', { page: article() });
    const brief = await publishedCiting([makeSource('r', { url: origin.url('/report') })]);
    // Yesterday: the desk lists what the last few periods' checks found.
    const clock = fakeClock(new Date(Date.now() - day));
    origin.set('/report', { page: article({ roads: '20' }) });
    await runChecks(origin.host, clock);
    expect((await listSourcesNeedingAttention(brief.reviewer))[0]?.briefId).toBe(brief.briefId);

    const rechecker = await createTestPerson('reviewer');
    await recheckBrief(rechecker, brief.briefId, { verifiedSourceIds: ['r'] });
    expect(
      (await listSourcesNeedingAttention(rechecker)).map((entry) => entry.briefId),
    ).not.toContain(brief.briefId);

    // After the re-check (made now), the page as it was re-checked is what counts.
    clock.set(new Date(Date.now() + period + 60_000));
    await runChecks(origin.host, clock);
    const checks = await checksOf(brief.briefId, 'r');
    expect(checks.map((c) => c.status)).toEqual(['changed', 'ok']);
    expect(checks[1]!.message).toBe('The page is exactly as in the approved capture.');
    expect(checks[1]!.approvedSha256).not.toBe(checks[0]!.approvedSha256);

    // A new change, against the new capture: listed and told again (the re-checker too).
    clock.advance();
    origin.set('/report', { page: article({ roads: '25' }) });
    await runChecks(origin.host, clock);
    expect((await checksOf(brief.briefId, 'r')).at(-1)?.status).toBe('changed');
    const notices = await attentionNotices(brief.briefId);
    expect(notices).toHaveLength(3);
    expect(
      notices
        .slice(1)
        .map((n) => n.userId)
        .sort(),
    ).toEqual([brief.reviewer.id, rechecker.id].sort());
    expect((await listSourcesNeedingAttention(rechecker)).map((entry) => entry.briefId)).toContain(
      brief.briefId,
    );
  });

  it('retries a source that cannot be reached an hour later, and calls it unreachable at the third failure', async () => {
    const flaky = await startOrigin();
    flaky.set('/flaky', { page: article() });
    const brief = await publishedCiting([makeSource('f', { url: flaky.url('/flaky') })]);
    const clock = fakeClock();
    flaky.set('/flaky', { reset: true });
    await runChecks(flaky.host, clock);
    expect((await checksOf(brief.briefId, 'f')).map((c) => c.status)).toEqual(['retrying']);
    // Not due again before the hour.
    expect(
      await sendSourceChecksDueAt(new Date(clock.now().getTime() + RETRY_AFTER_MS - 1)),
    ).not.toContain(flaky.host);
    clock.advance(RETRY_AFTER_MS);
    await runChecks(flaky.host, clock);
    clock.advance(RETRY_AFTER_MS);
    await runChecks(flaky.host, clock);
    const checks = await checksOf(brief.briefId, 'f');
    expect(checks.map((c) => c.status)).toEqual(['retrying', 'retrying', 'unreachable']);
    expect(checks[2]!.message).toMatch(/\(3 checks in a row failed\.\)$/);
    // Unreachable is not a page gone or changed: nobody is told, nothing is listed.
    expect(await attentionNotices(brief.briefId)).toEqual([]);
    // A period later, still no answer: still unreachable, not retried within the hour.
    clock.advance();
    await runChecks(flaky.host, clock);
    expect((await checksOf(brief.briefId, 'f')).at(-1)?.status).toBe('unreachable');
    // Back a period later: ok.
    clock.advance();
    flaky.set('/flaky', { page: article() });
    await runChecks(flaky.host, clock);
    expect((await checksOf(brief.briefId, 'f')).at(-1)?.status).toBe('ok');
  });

  it('keeps a page gone through the outages that follow: its archived copy first, on the desk, told once', async () => {
    const lapsing = await startOrigin();
    lapsing.set('/lapsed', { page: article() });
    const source = makeSource('l', {
      url: lapsing.url('/lapsed'),
      archiveUrl: 'https://web.archive.org/web/20260305000000/https://example.org/lapsed',
    });
    const brief = await publishedCiting([source]);
    const clock = fakeClock();
    const status = async () => (await checksOf(brief.briefId, 'l')).map((c) => c.status);
    const publicGone = async () => {
      const page = await getPublicBrief(brief.slug);
      return page.status === 'published' && page.brief.goneSourceIds;
    };
    const listed = async () =>
      (await listSourcesNeedingAttention(brief.reviewer, clock.now())).find(
        (entry) => entry.briefId === brief.briefId,
      )?.sources[0]?.status;

    lapsing.set('/lapsed', { status: 404 });
    await runChecks(lapsing.host, clock);
    expect(await status()).toEqual(['gone']);
    expect(await publicGone()).toEqual(['l']);
    expect(await attentionNotices(brief.briefId)).toHaveLength(1);

    // The whole domain lapses: no answer at all, for longer than the desk looks back.
    lapsing.set('/lapsed', { reset: true });
    for (const wait of [period, RETRY_AFTER_MS, RETRY_AFTER_MS]) {
      clock.advance(wait);
      await runChecks(lapsing.host, clock);
    }
    expect(await status()).toEqual(['gone', 'retrying', 'retrying', 'unreachable']);
    expect(await publicGone()).toEqual(['l']);
    expect(await listed()).toBe('gone');
    for (let n = 0; n < 10; n += 1) {
      clock.advance();
      await runChecks(lapsing.host, clock);
    }
    expect((await status()).at(-1)).toBe('unreachable');
    expect(await publicGone()).toEqual(['l']);
    expect(await listed()).toBe('gone');

    // It answers again, still gone: nothing new to tell.
    clock.advance();
    lapsing.set('/lapsed', { status: 404 });
    await runChecks(lapsing.host, clock);
    expect((await status()).at(-1)).toBe('gone');
    expect(await attentionNotices(brief.briefId)).toHaveLength(1);
    expect(await publicGone()).toEqual(['l']);

    // Back as approved after another outage: the original link again, off the desk.
    lapsing.set('/lapsed', { reset: true });
    clock.advance();
    await runChecks(lapsing.host, clock);
    clock.advance(RETRY_AFTER_MS);
    lapsing.set('/lapsed', { page: article() });
    await runChecks(lapsing.host, clock);
    expect((await status()).slice(-2)).toEqual(['retrying', 'ok']);
    expect(await publicGone()).toEqual([]);
    expect(await listed()).toBeUndefined();
  });

  it('tells once of a page changed before and after an outage', async () => {
    const flaky = await startOrigin();
    flaky.set('/figures', { page: article() });
    const brief = await publishedCiting([makeSource('c', { url: flaky.url('/figures') })]);
    const clock = fakeClock();
    flaky.set('/figures', { page: article({ roads: '15' }) });
    await runChecks(flaky.host, clock);
    flaky.set('/figures', { reset: true });
    for (const wait of [period, RETRY_AFTER_MS, RETRY_AFTER_MS]) {
      clock.advance(wait);
      await runChecks(flaky.host, clock);
    }
    clock.advance();
    flaky.set('/figures', { page: article({ roads: '15' }) });
    await runChecks(flaky.host, clock);
    expect((await checksOf(brief.briefId, 'c')).map((c) => c.status)).toEqual([
      'changed',
      'retrying',
      'retrying',
      'unreachable',
      'changed',
    ]);
    expect(await attentionNotices(brief.briefId)).toHaveLength(1);
    const [entry] = (await listSourcesNeedingAttention(brief.reviewer, clock.now())).filter(
      (e) => e.briefId === brief.briefId,
    );
    expect(entry!.sources[0]).toMatchObject({
      status: 'changed',
      since: (await checksOf(brief.briefId, 'c'))[0]!.checkedAt,
    });
  });

  it('skips what robots.txt refuses, reading it once per run', async () => {
    const site = await startOrigin({ robots: 'User-agent: *\nDisallow: /private/\n' });
    site.set('/private/memo', { page: article() });
    site.set('/open', { page: article() });
    const brief = await publishedCiting([
      makeSource('p', { url: site.url('/private/memo') }),
      makeSource('o', { url: site.url('/open') }),
    ]);
    const before = site.requests.length;
    await runChecks(site.host, fakeClock());
    const during = site.requests.slice(before);
    expect(during.filter((path) => path === '/robots.txt')).toHaveLength(1);
    expect(during).not.toContain('/private/memo');
    expect(during).toContain('/open');
    expect(await checksOf(brief.briefId, 'p')).toMatchObject([
      {
        status: 'skipped',
        message: `The robots.txt of ${site.host} asks Factdesk not to fetch this page.`,
      },
    ]);
    expect((await checksOf(brief.briefId, 'o')).map((c) => c.status)).toEqual(['ok']);
  });

  it('reads the robots.txt of each origin of a host: http and https apart', async () => {
    const site = await startOrigin({ robots: 'User-agent: *\nDisallow: /private/\n' });
    site.set('/private/memo', { page: article() });
    // The same host under https: this server speaks plain http, so nothing answers there.
    const secureUrl = `https://${site.host}/report`;
    const brief = await publishedCiting([
      makeSource('s', { url: secureUrl }),
      makeSource('p', { url: site.url('/private/memo') }),
    ]);
    const before = site.requests.length;
    await runChecks(site.host, fakeClock());
    const during = site.requests.slice(before);
    expect(during).toEqual(['/robots.txt']);
    expect(await checksOf(brief.briefId, 'p')).toMatchObject([
      {
        status: 'skipped',
        message: `The robots.txt of ${site.host} asks Factdesk not to fetch this page.`,
      },
    ]);
    const [secure] = await checksOf(brief.briefId, 's');
    expect(secure).toMatchObject({ status: 'skipped' });
    expect(secure!.message).toMatch(
      new RegExp(`^Factdesk could not read https://${site.host}/robots\\.txt: `),
    );
  });

  it('fetches nothing from a site whose robots.txt answers a server error, and everything when it has none', async () => {
    const failing = await startOrigin({ robots: { status: 503 } });
    failing.set('/page', { page: article() });
    const brief = await publishedCiting([makeSource('e', { url: failing.url('/page') })]);
    const before = failing.requests.length;
    await runChecks(failing.host, fakeClock());
    expect(failing.requests.slice(before)).toEqual(['/robots.txt']);
    expect(await checksOf(brief.briefId, 'e')).toMatchObject([
      {
        status: 'skipped',
        message: `Factdesk could not read ${failing.url('/robots.txt')}: it answered HTTP 503. Until it can, Factdesk takes the site as refusing every page.`,
      },
    ]);

    const forbidding = await startOrigin({ robots: { status: 403 } });
    forbidding.set('/page', { page: article() });
    const open = await publishedCiting([makeSource('f', { url: forbidding.url('/page') })]);
    await runChecks(forbidding.host, fakeClock());
    expect((await checksOf(open.briefId, 'f')).map((c) => c.status)).toEqual(['ok']);
  });

  it('goes on to the next source when one check fails, and fails the job at the end', async () => {
    const site = await startOrigin();
    site.set('/broken', { page: article() });
    site.set('/fine', { page: article() });
    const brief = await publishedCiting([
      makeSource('broken', { url: site.url('/broken') }),
      makeSource('fine', { url: site.url('/fine') }),
    ]);
    // The database refuses to keep this one source's check (as a full disk or a lost
    // connection would).
    await getDb().execute(sql`
      create function refuse_broken_check() returns trigger language plpgsql as $$
      begin
        if new.source_id = 'broken' then raise exception 'no room for this check'; end if;
        return new;
      end $$`);
    await getDb().execute(sql`
      create trigger refuse_broken_check before insert on source_checks
      for each row execute function refuse_broken_check()`);
    const logged = vi.spyOn(log, 'error');
    const clock = fakeClock();
    await expect(
      checkSourcesOfHost({ host: site.host }, { now: clock.now, pauseMs: 0 }),
    ).rejects.toThrow('1 of 2 sources');
    expect(await checksOf(brief.briefId, 'broken')).toEqual([]);
    expect((await checksOf(brief.briefId, 'fine')).map((c) => c.status)).toEqual(['ok']);
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ briefId: brief.briefId, sourceId: 'broken' }),
      expect.any(String),
    );
    logged.mockRestore();

    // The queue tries again: only the source that failed is still due.
    await getDb().execute(sql`drop trigger refuse_broken_check on source_checks`);
    const before = site.requests.length;
    await checkSourcesOfHost({ host: site.host }, { now: clock.now, pauseMs: 0 });
    expect(site.requests.slice(before).filter((path) => path !== '/robots.txt')).toEqual([
      '/broken',
    ]);
    expect((await checksOf(brief.briefId, 'broken')).map((c) => c.status)).toEqual(['ok']);
  });

  it("checks a host's sources one at a time, even with two runs for the host at once", async () => {
    const slow = await startOrigin({ delayMs: 40 });
    slow.set('/one', { page: article() });
    slow.set('/two', { page: article({ roads: '13' }) });
    slow.set('/three', { page: article({ roads: '14' }) });
    const brief = await publishedCiting([
      makeSource('one', { url: slow.url('/one') }),
      makeSource('two', { url: slow.url('/two') }),
      makeSource('three', { url: slow.url('/three') }),
    ]);
    const clock = fakeClock();
    const before = slow.requests.length;
    // One job waits per host, however often the sweep finds it due.
    await sendSourceChecksDueAt(clock.now());
    await sendSourceChecksDueAt(clock.now());
    const jobs = await getDb().execute<{ singleton_key: string }>(sql`
      select singleton_key from ${sql.identifier(JOB_SCHEMA)}.job
      where name = 'check-sources-of-host' and data->>'host' = ${slow.host} and state = 'created'`);
    expect([...jobs].map((job) => job.singleton_key)).toEqual([slow.host]);
    await Promise.all([
      checkSourcesOfHost({ host: slow.host }, { now: clock.now, pauseMs: 0 }),
      checkSourcesOfHost({ host: slow.host }, { now: clock.now, pauseMs: 0 }),
    ]);
    expect(slow.maxInFlight()).toBe(1);
    const pages = slow.requests.slice(before).filter((path) => path !== '/robots.txt');
    expect(pages.sort()).toEqual(['/one', '/three', '/two']);
    for (const id of ['one', 'two', 'three']) {
      expect((await checksOf(brief.briefId, id)).map((c) => c.status)).toEqual(['ok']);
    }
    // The brief's page shows each source's latest checks.
    const watch = await getSourceWatch(brief.editor, brief.briefId);
    expect(watch.sources.map((s) => [s.number, s.history.map((c) => c.status)])).toEqual([
      [1, ['ok']],
      [2, ['ok']],
      [3, ['ok']],
    ]);
  });
});

describe("a host's sources", () => {
  it('are told apart in SQL by their hostname where it is written plainly, and left to the URL parser otherwise', async () => {
    const plain = [
      'https://news.example.org/2024/budget',
      'HTTPS://News.Example.ORG:443/2024/budget',
      'http://news.example.org:8080/a?b#c',
      'http://editor:secret@news.example.org/x',
      'http://a@b@news.example.org/x',
      'http:news.example.org/x',
      'http:\\\\news.example.org\\x',
      'https://news.example.org./x',
      'http://127.0.0.1:5000/page',
      'https://xn--bcher-kva.example/buch',
    ];
    // What only new URL() knows: IDNA, percent escapes, IPv6, IPv4 shorthands.
    const parserOnly = [
      'https://bücher.example/buch',
      'https://news%2Eexample.org/x',
      'http://[::1]:8080/x',
      'http://0x7f.1/x',
      'http://2130706433/x',
      'http://127.000.0.1/x',
      'http://news_desk.example.org/x',
    ];
    const hostnames = await getDb().execute<{ url: string; hostname: string | null }>(sql`
      select wanted.url, ${plainHostnameSql(sql`wanted.url`)} as hostname
      from (values ${sql.join(
        [...plain, ...parserOnly].map((url) => sql`(${url})`),
        sql`, `,
      )}) as wanted(url)`);
    const found = new Map([...hostnames].map((row) => [row.url, row.hostname]));
    for (const url of plain) expect(found.get(url), url).toBe(new URL(url).hostname);
    for (const url of parserOnly) expect(found.get(url), url).toBeNull();
  });

  it("are those of the run's host alone, however their addresses are written", async () => {
    const one = await startOrigin();
    const other = await startOrigin();
    one.set('/a', { page: article() });
    other.set('/b', { page: article() });
    const brief = await publishedCiting([
      makeSource('a', { url: one.url('/a') }),
      makeSource('b', { url: other.url('/b') }),
      makeSource('c', { url: `HTTP://${one.host}/a?again` }),
    ]);
    const ofBrief = (rows: { briefId: string; sourceId: string }[]) =>
      rows.filter((row) => row.briefId === brief.briefId).map((row) => row.sourceId);
    expect(ofBrief(await watchedSources(one.host)).sort()).toEqual(['a', 'c']);
    expect(ofBrief(await watchedSources(other.host))).toEqual(['b']);
    expect(ofBrief(await watchedSources()).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('re-check due', () => {
  it('lists published briefs whose "Checked on" date plus their interval is before today', async () => {
    const site = await startOrigin();
    site.set('/due', { page: article() });
    const brief = await publishedCiting([makeSource('d', { url: site.url('/due') })]);
    const [row] = await getDb()
      .select({ checkedOn: briefs.publishedCheckedOn })
      .from(briefs)
      .where(eq(briefs.id, brief.briefId));
    const checkedOn = new Date(`${row!.checkedOn}T12:00:00Z`);
    const daysLater = (n: number) => new Date(checkedOn.getTime() + n * day);
    const listed = async (now: Date) =>
      (await listRecheckDue(brief.reviewer, now)).map((due) => due.briefId);

    expect(await listed(daysLater(400))).not.toContain(brief.briefId);
    await setReviewInterval(brief.reviewer, brief.briefId, { reviewIntervalDays: 30 });
    expect(await listed(daysLater(30))).not.toContain(brief.briefId);
    expect(await listed(daysLater(31))).toContain(brief.briefId);
    const [due] = (await listRecheckDue(brief.reviewer, daysLater(31))).filter(
      (d) => d.briefId === brief.briefId,
    );
    expect(due).toMatchObject({ intervalDays: 30, checkedOn: row!.checkedOn });
    expect(due!.dueOn).toBe(new Date(checkedOn.getTime() + 30 * day).toISOString().slice(0, 10));
    expect((await getSourceWatch(brief.editor, brief.briefId)).recheckDueOn).toBe(due!.dueOn);

    // A re-check moves "Checked on", and with it the date due.
    await recheckBrief(
      await createTestPerson('reviewer'),
      brief.briefId,
      {
        verifiedSourceIds: ['d'],
      },
      daysLater(31),
    );
    expect(await listed(daysLater(31))).not.toContain(brief.briefId);

    await setReviewInterval(brief.reviewer, brief.briefId, { reviewIntervalDays: null });
    expect(await listed(daysLater(4000))).not.toContain(brief.briefId);
  });

  it('is set by reviewers and admins only, within 1 to 3660 days', async () => {
    const site = await startOrigin();
    site.set('/x', { page: article() });
    const brief = await publishedCiting([makeSource('x', { url: site.url('/x') })]);
    await expect(
      setReviewInterval(brief.editor, brief.briefId, { reviewIntervalDays: 30 }),
    ).rejects.toThrow(ForbiddenError);
    await expect(listRecheckDue(brief.editor)).rejects.toThrow(ForbiddenError);
    await expect(listSourcesNeedingAttention(brief.editor)).rejects.toThrow(ForbiddenError);
    for (const days of [0, 3661, 1.5]) {
      await expect(
        setReviewInterval(brief.reviewer, brief.briefId, { reviewIntervalDays: days }),
      ).rejects.toThrow(InvalidError);
    }
    await setReviewInterval(await createTestPerson('admin'), brief.briefId, {
      reviewIntervalDays: 3660,
    });
    expect((await getSourceWatch(brief.editor, brief.briefId)).reviewIntervalDays).toBe(3660);
  });
});
