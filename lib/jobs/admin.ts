import 'server-only';
import { sql } from 'drizzle-orm';
import { JOB_SCHEMA, type JobQueueName, jobQueues } from '@/db/job-queues';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { assertId } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import { retryFailedJob } from './queue';

/** The jobs page's three lists: waiting for their time, running now, given up. */
export const jobLists = ['scheduled', 'running', 'failed'] as const;
export type JobList = (typeof jobLists)[number];

const statesOf: Record<JobList, string[]> = {
  scheduled: ['created', 'retry'],
  running: ['active'],
  failed: ['failed'],
};

/** What each queue does, in words. */
export const jobQueueLabels: Record<JobQueueName, string> = {
  'publish-scheduled': 'Publish a scheduled brief',
  'publish-due': 'Publish what is due (every minute)',
  'check-sources-due': 'Find the sources due for a check (every ten minutes)',
  'check-sources-of-host': 'Check the sources of one site',
  email: 'Email a notification',
  webhook: 'Deliver a webhook',
};

export interface JobRow {
  id: string;
  queue: JobQueueName;
  label: string;
  /** The job's data in a few words (the site checked, the record it works on). */
  detail: string;
  state: 'created' | 'retry' | 'active' | 'failed';
  /** Tries made so far (the one running included), and how many it may have in all. */
  tries: number;
  maxTries: number;
  createdAt: Date;
  /** Not before this time (scheduled), or when it started (running, failed). */
  runAt: Date;
  finishedAt: Date | null;
  /** The last try's error message (failed jobs, and retries waiting). */
  error: string | null;
}

/** How many jobs each list shows (the oldest first for scheduled, the newest for the others). */
export const JOB_LIST_LIMIT = 100;

/**
 * The jobs of one list, with their tries and last error, read from pg-boss's table (completed
 * ones are archived by pg-boss and not shown). Requires `jobs.manage`.
 */
export async function listJobs(actor: Actor, list: JobList): Promise<JobRow[]> {
  assertCan(actor, 'jobs.manage');
  const queues = Object.keys(jobQueues);
  const rows = await db().execute<{
    id: string;
    name: JobQueueName;
    state: JobRow['state'];
    data: Record<string, unknown> | null;
    retry_count: number;
    retry_limit: number;
    started_on: Date | null;
    start_after: Date;
    created_on: Date;
    completed_on: Date | null;
    error: string | null;
  }>(sql`
    select id, name, state, data, retry_count, retry_limit, started_on, start_after, created_on,
      completed_on, output->>'message' as error
    from ${sql.identifier(JOB_SCHEMA)}.job
    where state::text in ${statesList(statesOf[list])}
      and name in ${statesList(queues)}
    order by ${list === 'scheduled' ? sql`start_after asc` : sql`coalesce(started_on, created_on) desc`}
    limit ${JOB_LIST_LIMIT}`);
  return [...rows].map((row) => ({
    id: row.id,
    queue: row.name,
    label: jobQueueLabels[row.name],
    detail: describeJobData(row.name, row.data ?? {}),
    state: row.state,
    tries: row.retry_count + (row.started_on && row.state !== 'retry' ? 1 : 0),
    maxTries: row.retry_limit + 1,
    createdAt: new Date(row.created_on),
    runAt: new Date(list === 'scheduled' ? row.start_after : (row.started_on ?? row.start_after)),
    finishedAt: row.completed_on ? new Date(row.completed_on) : null,
    error: row.state === 'created' ? null : row.error,
  }));
}

function statesList(values: readonly string[]) {
  return sql`(${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}

function describeJobData(queue: JobQueueName, data: Record<string, unknown>): string {
  if (queue === 'check-sources-of-host' && typeof data.host === 'string') return data.host;
  const id = data.scheduleId ?? data.notificationId ?? data.deliveryId;
  return typeof id === 'string' ? id : '';
}

/**
 * Tries a failed job once more, now (pg-boss gives it one more try). Requires `jobs.manage`;
 * NotFoundError for an unknown job, InvalidError for one that has not failed.
 */
export async function retryJob(actor: Actor, jobId: string): Promise<void> {
  assertCan(actor, 'jobs.manage');
  assertId(jobId, 'This job does not exist.');
  const [job] = await db().execute<{ name: JobQueueName; state: string }>(
    sql`select name, state from ${sql.identifier(JOB_SCHEMA)}.job where id = ${jobId}`,
  );
  if (!job) throw new NotFoundError('This job does not exist (finished jobs are archived).');
  if (job.state !== 'failed') throw new InvalidError('Only a failed job can be retried.');
  await retryFailedJob(job.name, jobId);
}
