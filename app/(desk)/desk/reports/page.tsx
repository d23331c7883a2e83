import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/app/_lib/guard';
import { newsroomTimeZone } from '@/lib/config';
import { formatMoment } from '@/lib/content/dates';
import {
  countReaderReports,
  listReaderReports,
  type ReaderReportView,
} from '@/lib/reports/reports';
import {
  kindLabels,
  type ReaderReportStatus,
  readerReportStatuses,
  statusLabels,
  statusMoves,
} from '@/lib/reports/schemas';
import { ReportStatusForm } from './report-status-form';

export const metadata: Metadata = { title: 'Reports — Factdesk' };

function statusOf(value: string | string[] | undefined): ReaderReportStatus {
  return readerReportStatuses.find((status) => status === value) ?? 'new';
}

function pageOf(value: string | string[] | undefined): number {
  const page = Number(typeof value === 'string' ? value : 1);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

const hrefOf = (status: ReaderReportStatus, page = 1) =>
  `/desk/reports?status=${status}${page > 1 ? `&page=${page}` : ''}`;

/** What readers sent from the public site: errors in briefs and questions to check. */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string | string[]; page?: string | string[] }>;
}) {
  const actor = await requirePermission('/desk/reports', 'reports.manage');
  const params = await searchParams;
  const status = statusOf(params.status);
  const [counts, list] = await Promise.all([
    countReaderReports(actor),
    listReaderReports(actor, { status, page: pageOf(params.page) }),
  ]);
  const timeZone = newsroomTimeZone();
  return (
    <main className="desk-page">
      <h1>Reports</h1>
      <p className="hint">
        Errors readers found in published briefs (with the version they read) and questions they
        suggest. Only the newsroom sees them; an email is there to answer, never to publish. Times
        are {timeZone} time.
      </p>
      <nav aria-label="Report status" className="desk-tabs">
        {readerReportStatuses.map((tab) => (
          <Link
            key={tab}
            href={hrefOf(tab)}
            className="desk-tab"
            aria-current={tab === status ? 'page' : undefined}
          >
            {statusLabels[tab]}
            <span className="tab-count">{counts[tab].toLocaleString('en-US')}</span>
          </Link>
        ))}
      </nav>
      <h2>
        {statusLabels[status]} ({list.total.toLocaleString('en-US')})
      </h2>
      {list.reports.length === 0 ? (
        <p>No reports here.</p>
      ) : (
        <ol className="report-list">
          {list.reports.map((report) => (
            <li key={report.id}>
              <ReportCard report={report} timeZone={timeZone} />
            </li>
          ))}
        </ol>
      )}
      {list.pages > 1 && (
        <nav aria-label="Pages" className="pagination">
          {list.page > 1 && <Link href={hrefOf(status, list.page - 1)}>Newer</Link>}{' '}
          <span>
            Page {list.page} of {list.pages}
          </span>{' '}
          {list.page < list.pages && <Link href={hrefOf(status, list.page + 1)}>Older</Link>}
        </nav>
      )}
    </main>
  );
}

function ReportCard({ report, timeZone }: { report: ReaderReportView; timeZone: string }) {
  const headingId = `report-${report.id}`;
  return (
    <article className="report-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {kindLabels[report.kind]},{' '}
        <time dateTime={report.createdAt.toISOString()}>
          {formatMoment(report.createdAt, timeZone)}
        </time>
      </h3>
      {report.brief && (
        <p>
          On <Link href={`/desk/briefs/${report.brief.id}`}>{report.brief.question}</Link>, version{' '}
          {report.brief.versionNumber ?? '?'} (the version the reader saw)
          {report.brief.published && report.brief.slug && (
            <>
              {' · '}
              <a href={`/briefs/${report.brief.slug}`}>Public page</a>
            </>
          )}
        </p>
      )}
      <blockquote className="report-message">{report.message}</blockquote>
      <p>
        {report.email ? (
          <>
            From <a href={`mailto:${report.email}`}>{report.email}</a>
          </>
        ) : (
          <span className="muted">No email given.</span>
        )}
      </p>
      {report.events.length > 0 && (
        <section aria-label="History">
          <h4>History</h4>
          <ol className="report-history">
            {report.events.map((event) => (
              <li key={`${event.at.toISOString()}-${event.to}`}>
                <time dateTime={event.at.toISOString()}>{formatMoment(event.at, timeZone)}</time>:{' '}
                {event.actorName} moved it from {statusLabels[event.from]} to{' '}
                {statusLabels[event.to]}
                {event.note && <>: “{event.note}”</>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <ReportStatusForm reportId={report.id} moves={statusMoves(report.status)} />
    </article>
  );
}
