import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { JOB_SCHEMA, type JobData, type JobQueueName, queueOptions } from '@/db/job-queues';
import { jobSqlValues } from '@/db/job-tables';
import { db } from '@/lib/transaction';

/**
 * pg-boss's parameterized SQL as a drizzle query: run where lib's queries run (the current
 * transaction, else the pool), so that a job sent inside a transaction exists if and only if
 * that transaction commits.
 */
function asDrizzleSql(text: string, given: readonly unknown[] = []): SQL {
  const values = jobSqlValues(given);
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    // sql.param: drizzle would spread an array into a list of parameters.
    chunks.push(sql`${sql.param(values[Number(match[1]) - 1] ?? null)}`);
    last = (match.index ?? 0) + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  // Every value bound once or more, and no placeholder beyond them: a `$n` found inside a string
  // literal would show as a mismatch here rather than as a wrong binding.
  const used = new Set([...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
  if (Math.max(0, ...used) > values.length || used.size !== values.length) {
    throw new Error(`pg-boss SQL names ${used.size} parameters for ${values.length} values.`);
  }
  return sql.join(chunks);
}

/** pg-boss on the current transaction, or the pool. */
const onCurrentExecutor: PgBoss.Db = {
  async executeSql(text, values) {
    return { rows: [...(await db().execute(asDrizzleSql(text, values)))] };
  },
};

const globalForJobs = globalThis as unknown as { factdeskJobSender?: PgBoss };

/** A pg-boss handle that only sends (never started: it polls and maintains nothing). */
function sender(): PgBoss {
  globalForJobs.factdeskJobSender ??= new PgBoss({
    db: onCurrentExecutor,
    schema: JOB_SCHEMA,
    supervise: false,
    schedule: false,
    migrate: false,
  });
  return globalForJobs.factdeskJobSender;
}

export interface SendOptions {
  /** Not before this time (the database's clock decides when it has come). */
  startAfter?: Date;
  /** A second job with the same key is not added while one waits (the queue's policy). */
  singletonKey?: string;
}

/**
 * Adds a job to a queue, in the current transaction when there is one: the job exists only if
 * the work that asked for it commits. Returns its id (null when a job with the same singleton
 * key already waits).
 */
export async function sendJob<Q extends JobQueueName>(
  queue: Q,
  data: JobData[Q],
  options: SendOptions = {},
): Promise<string | null> {
  const { retryLimit, retryDelay, retryBackoff, expireInSeconds } = queueOptions(queue);
  return sender().send(queue, data, {
    retryLimit,
    // pg-boss refuses these given as undefined: passed only when the queue names them.
    ...(retryDelay === undefined ? {} : { retryDelay }),
    ...(retryBackoff === undefined ? {} : { retryBackoff }),
    expireInSeconds,
    startAfter: options.startAfter,
    singletonKey: options.singletonKey,
    db: onCurrentExecutor,
  });
}

/** Gives a failed job one more try, at once (lib/jobs/admin.ts checks who may). */
export async function retryFailedJob(queue: JobQueueName, jobId: string): Promise<void> {
  await sender().retry(queue, jobId, { db: onCurrentExecutor });
}
