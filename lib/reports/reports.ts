import 'server-only';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  auditLog,
  briefs,
  briefVersions,
  readerReportEvents,
  readerReports,
  users,
} from '@/db/schema';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { assertId, isId } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db, transaction } from '@/lib/transaction';
import {
  type ErrorReportForm,
  HONEYPOT_FIELD,
  isStatusMove,
  type QuestionForm,
  type ReaderReportKind,
  type ReaderReportStatus,
  statusLabels,
} from './schemas';
import { deleteExpiredReportThrottles, takeReportAllowance } from './throttle';

export const reportNotFound = 'This report does not exist.';
/** Said to a reader whose brief (or the version they read) is not one readers can see. */
export const reportedBriefNotFound =
  'This brief is not published any more, so there is nothing to report on it.';

/** What a reader sent, as the route handlers parsed it (honeypot included). */
export type ReaderSubmission =
  | ({ kind: 'error' } & ErrorReportForm)
  | ({ kind: 'question' } & QuestionForm);

export type SubmitResult = { status: 'accepted' } | { status: 'throttled'; retryAfterMs: number };

/**
 * A reader's report or question, from the public site (no actor: anyone may send one). Counted
 * against `clientAddress` first (REPORT_LIMIT); with the honeypot filled it is answered as
 * accepted and nothing is stored or counted. An error report must name a published brief and a
 * version readers saw: its published version now, or one it published before (a reader who
 * read the page before a re-publication still gets through, with the version they read).
 * Throws NotFoundError otherwise.
 */
export async function submitReaderReport(
  submission: ReaderSubmission,
  clientAddress: string,
  now = new Date(),
): Promise<SubmitResult> {
  if (submission[HONEYPOT_FIELD]) return { status: 'accepted' };
  await deleteExpiredReportThrottles(now);
  const retryAfterMs = await takeReportAllowance(clientAddress, now);
  if (retryAfterMs > 0) return { status: 'throttled', retryAfterMs };
  const { message, email } = submission;
  if (submission.kind === 'question') {
    await db().insert(readerReports).values({ kind: 'question', message, email });
    return { status: 'accepted' };
  }
  const { brief: briefId, version: versionId } = submission;
  if (!(await wasPublishedVersion(briefId, versionId))) {
    throw new NotFoundError(reportedBriefNotFound);
  }
  await db().insert(readerReports).values({ kind: 'error', briefId, versionId, message, email });
  return { status: 'accepted' };
}

/** Whether the brief is published and the version is, or once was, its published version. */
async function wasPublishedVersion(briefId: string, versionId: string): Promise<boolean> {
  if (!isId(briefId) || !isId(versionId)) return false;
  const [row] = await db()
    .select({
      published: briefs.published,
      publishedVersionId: briefs.publishedVersionId,
      number: briefVersions.number,
    })
    .from(briefVersions)
    .innerJoin(briefs, eq(briefs.id, briefVersions.briefId))
    .where(and(eq(briefVersions.id, versionId), eq(briefVersions.briefId, briefId)));
  if (!row?.published) return false;
  if (row.publishedVersionId === versionId) return true;
  const [published] = await db()
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.briefId, briefId),
        inArray(auditLog.action, ['publish', 'scheduled_publish']),
        eq(auditLog.versionNumber, row.number),
      ),
    )
    .limit(1);
  return published !== undefined;
}

export interface ReaderReportEvent {
  at: Date;
  actorName: string;
  from: ReaderReportStatus;
  to: ReaderReportStatus;
  note: string | null;
}

export interface ReaderReportView {
  id: string;
  kind: ReaderReportKind;
  status: ReaderReportStatus;
  message: string;
  email: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The brief an error report is about, and the version number the reader saw. */
  brief: {
    id: string;
    question: string;
    slug: string | null;
    published: boolean;
    versionNumber: number | null;
  } | null;
  /** Every change of its status, oldest first. */
  events: ReaderReportEvent[];
}

export const REPORTS_PAGE_SIZE = 50;

const reportColumns = {
  id: readerReports.id,
  kind: readerReports.kind,
  status: readerReports.status,
  message: readerReports.message,
  email: readerReports.email,
  createdAt: readerReports.createdAt,
  updatedAt: readerReports.updatedAt,
  briefId: briefs.id,
  question: sql<string>`coalesce(${briefs.publishedQuestion}, ${briefs.question})`,
  slug: briefs.slug,
  published: briefs.published,
  versionNumber: briefVersions.number,
};

async function withEvents(
  rows: Awaited<ReturnType<typeof selectReports>>,
): Promise<ReaderReportView[]> {
  const ids = rows.map((row) => row.id);
  const events =
    ids.length === 0
      ? []
      : await db()
          .select({
            reportId: readerReportEvents.reportId,
            at: readerReportEvents.createdAt,
            actorName: users.name,
            from: readerReportEvents.fromStatus,
            to: readerReportEvents.toStatus,
            note: readerReportEvents.note,
          })
          .from(readerReportEvents)
          .innerJoin(users, eq(users.id, readerReportEvents.actorId))
          .where(inArray(readerReportEvents.reportId, ids))
          .orderBy(asc(readerReportEvents.id));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    message: row.message,
    email: row.email,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    brief: row.briefId
      ? {
          id: row.briefId,
          question: row.question,
          slug: row.slug,
          published: row.published ?? false,
          versionNumber: row.versionNumber,
        }
      : null,
    events: events
      .filter((event) => event.reportId === row.id)
      .map(({ reportId: _report, ...event }) => event),
  }));
}

function selectReports() {
  return db()
    .select(reportColumns)
    .from(readerReports)
    .leftJoin(briefs, eq(briefs.id, readerReports.briefId))
    .leftJoin(briefVersions, eq(briefVersions.id, readerReports.versionId));
}

/**
 * The reports of one status, newest first, a page at a time, with how many there are in all.
 * Requires `reports.manage` (reports may hold a reader's email).
 */
export async function listReaderReports(
  actor: Actor,
  options: { status: ReaderReportStatus; page?: number },
): Promise<{ reports: ReaderReportView[]; total: number; page: number; pages: number }> {
  assertCan(actor, 'reports.manage');
  const [{ total = 0 } = {}] = await db()
    .select({ total: count() })
    .from(readerReports)
    .where(eq(readerReports.status, options.status));
  const pages = Math.max(1, Math.ceil(total / REPORTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1)), pages);
  const rows = await selectReports()
    .where(eq(readerReports.status, options.status))
    .orderBy(desc(readerReports.createdAt), desc(readerReports.id))
    .limit(REPORTS_PAGE_SIZE)
    .offset((page - 1) * REPORTS_PAGE_SIZE);
  return { reports: await withEvents(rows), total, page, pages };
}

/** How many reports of each status there are. Requires `reports.manage`. */
export async function countReaderReports(
  actor: Actor,
): Promise<Record<ReaderReportStatus, number>> {
  assertCan(actor, 'reports.manage');
  const rows = await db()
    .select({ status: readerReports.status, total: count() })
    .from(readerReports)
    .groupBy(readerReports.status);
  const counts = { new: 0, in_progress: 0, resolved: 0, dismissed: 0 };
  for (const row of rows) counts[row.status] = row.total;
  return counts;
}

/** One report with its history. Requires `reports.manage`; throws NotFoundError. */
export async function getReaderReport(actor: Actor, reportId: string): Promise<ReaderReportView> {
  assertCan(actor, 'reports.manage');
  assertId(reportId, reportNotFound);
  const rows = await selectReports().where(eq(readerReports.id, reportId));
  const [report] = await withEvents(rows);
  if (!report) throw new NotFoundError(reportNotFound);
  return report;
}

/**
 * Moves a report to another status (a move its buttons offer), under its row lock, and records
 * who did it, from what, to what and why in its history. Requires `reports.manage`; throws
 * NotFoundError, and ConflictError when the report is no longer in a status that allows it
 * (someone moved it meanwhile).
 */
export async function setReaderReportStatus(
  actor: Actor,
  reportId: string,
  status: ReaderReportStatus,
  note: string | null = null,
): Promise<void> {
  assertCan(actor, 'reports.manage');
  assertId(reportId, reportNotFound);
  await transaction(async (tx) => {
    const [report] = await tx
      .select({ status: readerReports.status })
      .from(readerReports)
      .where(eq(readerReports.id, reportId))
      .for('update');
    if (!report) throw new NotFoundError(reportNotFound);
    if (!isStatusMove(report.status, status)) {
      throw new ConflictError(
        `This report is ${statusLabels[report.status].toLowerCase()} now: it cannot become ${statusLabels[status].toLowerCase()} from there. Reload to see it as it is.`,
      );
    }
    await tx
      .update(readerReports)
      .set({ status, updatedAt: new Date() })
      .where(eq(readerReports.id, reportId));
    await tx.insert(readerReportEvents).values({
      reportId,
      actorId: actor.id,
      fromStatus: report.status,
      toStatus: status,
      note,
    });
  });
}
