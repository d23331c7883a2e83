import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  briefs,
  briefVersions,
  readerReportEvents,
  readerReports,
  readerReportThrottle,
} from '@/db/schema';
import { saveBrief } from '@/lib/briefs/mutations';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import {
  briefInReview,
  completeDocument,
  publishedBrief,
  unpublishedBrief,
  verifiedAll,
} from '@/lib/policy/test-briefs';
import { publishBrief } from '@/lib/publication/mutations';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import {
  countReaderReports,
  getReaderReport,
  listReaderReports,
  type ReaderSubmission,
  setReaderReportStatus,
  submitReaderReport,
} from './reports';
import { REPORT_LIMIT } from './throttle-rules';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

async function publishedVersionOf(briefId: string): Promise<string> {
  const [row] = await getDb()
    .select({ versionId: briefs.publishedVersionId })
    .from(briefs)
    .where(eq(briefs.id, briefId));
  return row?.versionId as string;
}

async function versionIdOf(briefId: string, number: number): Promise<string> {
  const rows = await getDb()
    .select({ id: briefVersions.id, number: briefVersions.number })
    .from(briefVersions)
    .where(eq(briefVersions.briefId, briefId));
  return rows.find((r) => r.number === number)?.id as string;
}

const errorReport = (brief: string, version: string, message: string): ReaderSubmission => ({
  kind: 'error',
  brief,
  version,
  message,
  email: 'reader@example.org',
});

const question = (message: string): ReaderSubmission => ({
  kind: 'question',
  message,
  email: null,
});

async function storedReports(message: string) {
  return getDb().select().from(readerReports).where(eq(readerReports.message, message));
}

describe('submitReaderReport', () => {
  it('stores an error report with the brief and the version the reader saw', async () => {
    const fixture = await publishedBrief();
    const version = await publishedVersionOf(fixture.id);
    const message = 'The date in the summary is wrong: it was 1990.';
    expect(
      await submitReaderReport(errorReport(fixture.id, version, message), '198.51.100.1'),
    ).toEqual({ status: 'accepted' });
    const [stored] = await storedReports(message);
    expect(stored).toMatchObject({
      kind: 'error',
      briefId: fixture.id,
      versionId: version,
      email: 'reader@example.org',
      status: 'new',
    });
  });

  it('stores a question with no brief', async () => {
    const message = 'Is the new bridge really the longest in Europe?';
    expect(await submitReaderReport(question(message), '198.51.100.2')).toEqual({
      status: 'accepted',
    });
    expect(await storedReports(message)).toMatchObject([
      { kind: 'question', briefId: null, versionId: null, email: null },
    ]);
  });

  it('answers a filled honeypot as accepted, and stores and counts nothing', async () => {
    const fixture = await publishedBrief();
    const version = await publishedVersionOf(fixture.id);
    const message = 'Buy cheap watches at our excellent shop.';
    const result = await submitReaderReport(
      { ...errorReport(fixture.id, version, message), website: 'https://spam.example' },
      '198.51.100.3',
    );
    expect(result).toEqual({ status: 'accepted' });
    expect(await storedReports(message)).toEqual([]);
    expect(
      await getDb()
        .select()
        .from(readerReportThrottle)
        .where(eq(readerReportThrottle.key, 'ip:198.51.100.3')),
    ).toEqual([]);
  });

  it('refuses a brief readers cannot see, or a version they never saw', async () => {
    const draft = await briefInReview();
    const draftVersion = await versionIdOf(draft.id, draft.version.number);
    const gone = await unpublishedBrief();
    const goneVersion = await publishedVersionOf(gone.id);
    const published = await publishedBrief();
    const publishedVersion = await publishedVersionOf(published.id);
    for (const [brief, version] of [
      [draft.id, draftVersion],
      [gone.id, goneVersion],
      // A version of another brief.
      [published.id, draftVersion],
      ['not-an-id', publishedVersion],
    ] as const) {
      expect(
        await refusal(
          submitReaderReport(
            errorReport(brief, version, 'Something is wrong here.'),
            '198.51.100.4',
          ),
        ),
      ).toBeInstanceOf(NotFoundError);
    }
    expect(await storedReports('Something is wrong here.')).toEqual([]);
  });

  it('still takes the version a reader saw before the brief was published again, but not a version never published', async () => {
    const fixture = await publishedBrief();
    const first = await publishedVersionOf(fixture.id);
    const editor = await createTestPerson('editor');
    const reviewer = await createTestPerson('reviewer');
    const { head } = await getBriefForEditing(editor, fixture.id);
    const unpublishedDraft = await saveBrief(editor, fixture.id, {
      baseRevision: head.revision,
      kind: 'save',
      document: completeDocument('Did the alliance promise, in writing, not to expand east?'),
    });
    const next = await saveBrief(editor, fixture.id, {
      baseRevision: unpublishedDraft.head.revision,
      kind: 'save',
      document: completeDocument('Did the alliance ever promise not to expand east at all?'),
    });
    await submitForReview(editor, fixture.id);
    await approveBrief(reviewer, fixture.id, {
      versionNumber: next.head.number,
      verifiedSourceIds: verifiedAll,
    });
    await publishBrief(reviewer, fixture.id, {
      versionNumber: next.head.number,
      change: { kind: 'typo' },
    });
    const message = 'The first version had the wrong year.';
    expect(
      await submitReaderReport(errorReport(fixture.id, first, message), '198.51.100.5'),
    ).toEqual({
      status: 'accepted',
    });
    expect((await storedReports(message))[0]?.versionId).toBe(first);
    const neverPublished = await versionIdOf(fixture.id, unpublishedDraft.head.number);
    expect(
      await refusal(
        submitReaderReport(errorReport(fixture.id, neverPublished, message), '198.51.100.5'),
      ),
    ).toBeInstanceOf(NotFoundError);
  });

  it('stops a flood from one address at the limit while another address still gets through', async () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const outcomes: string[] = [];
    for (let i = 1; i <= REPORT_LIMIT.max + 3; i++) {
      const result = await submitReaderReport(
        question(`Flood question number ${i} from one address?`),
        '203.0.113.50',
        now,
      );
      outcomes.push(result.status);
    }
    expect(outcomes).toEqual([
      ...Array(REPORT_LIMIT.max).fill('accepted'),
      'throttled',
      'throttled',
      'throttled',
    ]);
    const refused = await submitReaderReport(
      question('One more question from the flood?'),
      '203.0.113.50',
      new Date(now.getTime() + 10 * 60_000),
    );
    expect(refused).toEqual({ status: 'throttled', retryAfterMs: 50 * 60_000 });
    expect(
      await submitReaderReport(question('A question from another reader?'), '203.0.113.51', now),
    ).toEqual({
      status: 'accepted',
    });
    // Only what was let through was stored.
    const flood = await getDb().select().from(readerReports);
    expect(flood.filter((r) => r.message.startsWith('Flood question number')).length).toBe(
      REPORT_LIMIT.max,
    );
    // An hour later the address may write again.
    expect(
      await submitReaderReport(
        question('The flood address, an hour later?'),
        '203.0.113.50',
        new Date(now.getTime() + REPORT_LIMIT.windowMs),
      ),
    ).toEqual({ status: 'accepted' });
  });

  it('counts reports sent at the same time each against the limit', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        submitReaderReport(question(`Concurrent question number ${i}?`), '203.0.113.60'),
      ),
    );
    expect(results.filter((r) => r.status === 'accepted').length).toBe(REPORT_LIMIT.max);
  });
});

describe('the newsroom handles reports', () => {
  async function newReport(message: string): Promise<string> {
    await submitReaderReport(question(message), `192.0.2.${Math.floor(Math.random() * 250) + 1}`);
    const [stored] = await storedReports(message);
    return stored?.id as string;
  }

  it('lists them by status with the brief and version number, and records every status change', async () => {
    const reviewer = await createTestPerson('reviewer');
    const admin = await createTestPerson('admin');
    const fixture = await publishedBrief();
    const version = await publishedVersionOf(fixture.id);
    const message = 'Source 2 does not say what the summary says.';
    await submitReaderReport(errorReport(fixture.id, version, message), '192.0.2.200');
    const [stored] = await storedReports(message);
    const id = stored?.id as string;

    const { reports } = await listReaderReports(reviewer, { status: 'new' });
    const listed = reports.find((r) => r.id === id);
    expect(listed).toMatchObject({
      kind: 'error',
      status: 'new',
      message,
      email: 'reader@example.org',
      brief: { id: fixture.id, published: true, versionNumber: fixture.version.number },
      events: [],
    });
    expect(listed?.brief?.slug).toBeTruthy();

    await setReaderReportStatus(reviewer, id, 'in_progress');
    await setReaderReportStatus(admin, id, 'resolved', 'Fixed in a correction.');
    expect(
      (await listReaderReports(reviewer, { status: 'new' })).reports.some((r) => r.id === id),
    ).toBe(false);
    const resolved = await getReaderReport(reviewer, id);
    expect(resolved.status).toBe('resolved');
    expect(resolved.events).toMatchObject([
      { actorName: reviewer.name, from: 'new', to: 'in_progress', note: null },
      {
        actorName: admin.name,
        from: 'in_progress',
        to: 'resolved',
        note: 'Fixed in a correction.',
      },
    ]);
    expect((await countReaderReports(reviewer)).resolved).toBeGreaterThanOrEqual(1);

    // The history is append-only.
    await expect(
      getDb()
        .update(readerReportEvents)
        .set({ note: 'rewritten' })
        .where(eq(readerReportEvents.reportId, id)),
    ).rejects.toThrow();
    const rows = await getDb()
      .select({ to: readerReportEvents.toStatus })
      .from(readerReportEvents)
      .where(eq(readerReportEvents.reportId, id))
      .orderBy(asc(readerReportEvents.id));
    expect(rows.map((r) => r.to)).toEqual(['in_progress', 'resolved']);
  });

  it('refuses a move its buttons do not offer, and one made by two people at once happens once', async () => {
    const reviewer = await createTestPerson('reviewer');
    const id = await newReport('Why does the ministry count differently?');
    await setReaderReportStatus(reviewer, id, 'dismissed');
    expect(await refusal(setReaderReportStatus(reviewer, id, 'resolved'))).toBeInstanceOf(
      ConflictError,
    );
    const outcomes = await Promise.all([
      refusal(setReaderReportStatus(reviewer, id, 'new')),
      refusal(setReaderReportStatus(reviewer, id, 'new')),
    ]);
    expect(outcomes.filter((o) => o === null).length).toBe(1);
    expect(outcomes.find((o) => o !== null)).toBeInstanceOf(ConflictError);
    expect((await getReaderReport(reviewer, id)).events.map((e) => e.to)).toEqual([
      'dismissed',
      'new',
    ]);
    expect(
      await refusal(setReaderReportStatus(reviewer, crypto.randomUUID(), 'resolved')),
    ).toBeInstanceOf(NotFoundError);
    expect(await refusal(getReaderReport(reviewer, 'nope'))).toBeInstanceOf(NotFoundError);
  });

  it('is refused to editors', async () => {
    const editor = await createTestPerson('editor');
    const id = await newReport('Is the tram line really going to close?');
    for (const attempt of [
      listReaderReports(editor, { status: 'new' }),
      getReaderReport(editor, id),
      countReaderReports(editor),
      setReaderReportStatus(editor, id, 'resolved'),
    ]) {
      expect(await refusal(attempt)).toBeInstanceOf(ForbiddenError);
    }
    const [stored] = await getDb().select().from(readerReports).where(eq(readerReports.id, id));
    expect(stored?.status).toBe('new');
  });
});
