import 'server-only';
import PgBoss from 'pg-boss';
import { JOB_SCHEMA, type JobData, type JobQueueName, jobQueues } from '@/db/job-queues';
import { jobSqlOnPool } from '@/db/job-tables';

/** What each queue's jobs do. A handler that throws fails the try; the queue retries it. */
export type JobHandlers = { [Q in JobQueueName]: (data: JobData[Q]) => Promise<void> };

export interface JobRunner {
  /** Stops fetching, waits for the jobs under way (up to `timeoutMs`), then returns. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Runs the jobs in this process: fetches from every queue (`concurrency` at a time for each),
 * keeps the schedules, and takes part in maintenance (a job left running by a killed worker
 * expires and is retried). Any number of processes may run this against one database: a job is
 * fetched by one of them only (`for update skip locked`).
 */
export async function startJobRunner(options: {
  handlers: JobHandlers;
  concurrency?: Partial<Record<JobQueueName, number>>;
  /** How often each queue is asked for jobs when it had none (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  onError: (error: unknown) => void;
}): Promise<JobRunner> {
  const boss = new PgBoss({
    db: jobSqlOnPool,
    schema: JOB_SCHEMA,
    migrate: false,
    // Expired jobs found, and failed ones retried, within half a minute.
    maintenanceIntervalSeconds: 30,
    // Cron slots looked at every 30 s: a slot is sent within its minute.
    cronMonitorIntervalSeconds: 30,
    archiveCompletedAfterSeconds: 24 * 3600,
    archiveFailedAfterSeconds: 14 * 24 * 3600,
    deleteAfterDays: 30,
  });
  boss.on('error', options.onError);
  // Installed by the migration (db/job-tables.ts); checked here, never changed.
  await boss.start();
  // Jobs left running by a worker that was killed are failed (to be retried) now, not at the
  // next maintenance slot.
  await boss.maintain();
  for (const queue of Object.keys(jobQueues) as JobQueueName[]) {
    const handler = options.handlers[queue] as (data: unknown) => Promise<void>;
    const workers = options.concurrency?.[queue] ?? 1;
    for (let i = 0; i < workers; i += 1) {
      const worker = { id: '' };
      worker.id = await boss.work<unknown>(
        queue,
        { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([job]) => {
          if (!job) return;
          try {
            await handler(job.data);
          } finally {
            // pg-boss waits a polling interval after every fetch; after a job, look again at once.
            boss.notifyWorker(worker.id);
          }
        },
      );
    }
  }
  return {
    async stop(timeoutMs = 20_000) {
      await boss.stop({ graceful: true, timeout: timeoutMs, close: false, wait: true });
    },
  };
}
