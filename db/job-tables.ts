import PgBoss from 'pg-boss';
import type postgres from 'postgres';
import { getDb } from './client';
import { JOB_SCHEMA, type JobQueueName, jobQueues, jobSchedules, queueOptions } from './job-queues';

/**
 * Parameters as node-postgres takes them, for pg-boss (written for it): objects as JSON text
 * (the clients drizzle wraps, all of Factdesk's, send json values as given), undefined as null.
 */
export function jobSqlValues(values: readonly unknown[] = []): unknown[] {
  return values.map((value) =>
    value === undefined
      ? null
      : value !== null &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          !(value instanceof Date) &&
          !Buffer.isBuffer(value)
        ? JSON.stringify(value)
        : value,
  );
}

/**
 * pg-boss's SQL on a postgres.js client wrapped by drizzle (see jobSqlValues). Its maintenance
 * runs `BEGIN; …; COMMIT;` in one text: that goes to a connection of its own, rolled back if a
 * statement fails (postgres.js refuses a transaction on a pooled connection).
 */
export function jobSqlOn(client: postgres.Sql): PgBoss.Db {
  return {
    async executeSql(text, values) {
      if (!/^\s*BEGIN\b/i.test(text)) {
        return { rows: [...(await client.unsafe(text, jobSqlValues(values) as never[]))] };
      }
      // pg-boss's locked commands take no parameters: the simple protocol could not send them.
      if (values?.length) throw new Error('pg-boss sent parameters with a BEGIN…COMMIT text.');
      const connection = await client.reserve();
      try {
        return { rows: [...(await connection.unsafe(text))] };
      } catch (error) {
        await connection.unsafe('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
  };
}

/**
 * pg-boss on the application's pool, for the workers' own fetching and maintenance (the pool in
 * use when it asks: a read-only one may have been replaced since).
 */
export const jobSqlOnPool: PgBoss.Db = {
  executeSql: (text, values) => jobSqlOn(getDb().$client).executeSql(text, values),
};

/**
 * Installs or upgrades pg-boss's tables, then Factdesk's queues and schedules, on `client`'s
 * connection (wrapped by drizzle): part of migrating, since sending a job needs its queue to exist (pg-boss keeps each
 * queue's jobs in a partition of its own).
 */
export async function installJobTables(client: postgres.Sql): Promise<void> {
  const boss = new PgBoss({
    db: jobSqlOn(client),
    schema: JOB_SCHEMA,
    supervise: false,
    schedule: false,
  });
  await boss.start();
  try {
    for (const queue of Object.keys(jobQueues) as JobQueueName[]) {
      const options = { name: queue, policy: 'standard' as const, ...queueOptions(queue) };
      if (await boss.getQueue(queue)) await boss.updateQueue(queue, options);
      else await boss.createQueue(queue, options);
    }
    for (const [queue, cron] of Object.entries(jobSchedules)) {
      await boss.schedule(queue, cron, {}, { tz: 'UTC' });
    }
  } finally {
    await boss.stop({ graceful: false, close: false, wait: true });
  }
}
