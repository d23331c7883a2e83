import type { Metadata } from 'next';
import { requirePermission } from '@/app/_lib/guard';
import { getConfig } from '@/lib/config';
import { formatMoment } from '@/lib/content/dates';
import { JOB_LIST_LIMIT, type JobList, type JobRow, listJobs } from '@/lib/jobs/admin';
import { RetryJobButton } from './retry-job-button';

export const metadata: Metadata = { title: 'Jobs — Factdesk' };

const headings: Record<JobList, { title: string; empty: string; when: string }> = {
  scheduled: { title: 'Scheduled', empty: 'Nothing is waiting.', when: 'Runs at' },
  running: { title: 'Running', empty: 'Nothing is running.', when: 'Started' },
  failed: { title: 'Failed', empty: 'No job has failed.', when: 'Last tried' },
};

export default async function JobsPage() {
  const actor = await requirePermission('/desk/jobs', 'jobs.manage');
  const [scheduled, running, failed] = await Promise.all([
    listJobs(actor, 'scheduled'),
    listJobs(actor, 'running'),
    listJobs(actor, 'failed'),
  ]);
  const timeZone = getConfig().FACTDESK_TIMEZONE;
  return (
    <main className="desk-page">
      <h1>Jobs</h1>
      <p className="hint">
        The work Factdesk does by itself: scheduled publications, source checks, emails and
        webhooks. A job that fails is tried again with growing pauses; once it has used all its
        tries it waits here for you. Times are {timeZone} time; each list shows at most{' '}
        {JOB_LIST_LIMIT}.
      </p>
      <JobTable list="scheduled" jobs={scheduled} timeZone={timeZone} />
      <JobTable list="running" jobs={running} timeZone={timeZone} />
      <JobTable list="failed" jobs={failed} timeZone={timeZone} />
    </main>
  );
}

function JobTable({ list, jobs, timeZone }: { list: JobList; jobs: JobRow[]; timeZone: string }) {
  const { title, empty, when } = headings[list];
  return (
    <section aria-labelledby={`jobs-${list}`}>
      <h2 id={`jobs-${list}`}>
        {title} ({jobs.length})
      </h2>
      {jobs.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">{when}</th>
              <th scope="col">Tries</th>
              {list !== 'running' && <th scope="col">Last error</th>}
              {list === 'failed' && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} aria-label={`${job.label} ${job.detail}`.trim()}>
                <th scope="row">
                  {job.label}
                  {job.detail && <span className="muted"> · {job.detail}</span>}
                </th>
                <td>
                  <time dateTime={job.runAt.toISOString()}>
                    {formatMoment(job.runAt, timeZone)}
                  </time>
                  {job.state === 'retry' && <span className="muted"> (retry)</span>}
                </td>
                <td>
                  {job.tries} of {job.maxTries}
                </td>
                {list !== 'running' && <td>{job.error ?? '—'}</td>}
                {list === 'failed' && (
                  <td>
                    <RetryJobButton jobId={job.id} label={job.label} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
