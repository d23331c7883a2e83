/**
 * Factdesk's job queues (pg-boss, in the JOB_SCHEMA schema) and how each retries: one list, read
 * by the migration (which creates them: a job can be sent only to a queue that exists), by the
 * runner and by whoever sends a job. Retries back off exponentially with jitter (pg-boss:
 * the n-th waits between 0.5 and 1 times retryDelay·2ⁿ seconds). `expireInSeconds` is how long
 * a job may run: one left running by a worker that was killed is failed, then retried, after it.
 */
export const jobQueues = {
  /** Publishes a scheduled version at its time (lib/scheduling). */
  'publish-scheduled': { retryLimit: 8, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 },
  /** Every minute: schedules whose job is missing or late are published (lib/scheduling). */
  'publish-due': { retryLimit: 0, expireInSeconds: 60 },
  /** Every ten minutes: sends the checks due of published briefs' sources (lib/monitoring). */
  'check-sources-due': { retryLimit: 0, expireInSeconds: 300 },
  /**
   * Checks the due sources of one host, one request at a time (lib/monitoring). `short`: at
   * most one waits per host (its singleton key), however often the sweep finds the host due.
   */
  'check-sources-of-host': {
    retryLimit: 2,
    retryDelay: 60,
    expireInSeconds: 3600,
    policy: 'short',
  },
  /** One notification by email (lib/notifications): about 4 hours of tries. */
  email: { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  /**
   * One webhook delivery (lib/webhooks): 13 tries over about a day (17 to 34 hours), counted by
   * the delivery; the queue has one run more than that, for a run a killed worker took before
   * counting it.
   */
  webhook: { retryLimit: 13, retryDelay: 15, retryBackoff: true, expireInSeconds: 60 },
} as const satisfies Record<string, JobQueueOptions>;

interface JobQueueOptions {
  retryLimit: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds: number;
  policy?: 'standard' | 'short';
}

export type JobQueueName = keyof typeof jobQueues;

/** The data each queue's jobs carry. */
export interface JobData {
  'publish-scheduled': { scheduleId: string };
  'publish-due': Record<string, never>;
  'check-sources-due': Record<string, never>;
  'check-sources-of-host': { host: string };
  email: { notificationId: string };
  webhook: { deliveryId: string };
}

/** The queues run on a clock (cron, UTC), once per slot whichever instances run. */
export const jobSchedules: Partial<Record<JobQueueName, string>> = {
  'publish-due': '* * * * *',
  'check-sources-due': '*/10 * * * *',
};

/** Where pg-boss keeps its tables. */
export const JOB_SCHEMA = 'pgboss';

/** A queue's options, every one named (absent: pg-boss's default). */
export function queueOptions(queue: JobQueueName): JobQueueOptions {
  return jobQueues[queue];
}
