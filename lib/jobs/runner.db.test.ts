import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import type { JobData, JobQueueName } from '@/db/job-queues';
import { ForbiddenError, InvalidError } from '@/lib/errors';
import { transaction } from '@/lib/transaction';
import { createTestPerson } from '@/lib/users/test-people';
import { listJobs, retryJob } from './admin';
import { sendJob } from './queue';
import { type JobHandlers, type JobRunner, startJobRunner } from './runner';

const running: JobRunner[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((runner) => runner.stop(5_000)));
});

/** Handlers that fail loudly for every queue but the one a test is about. */
function handlersFor<Q extends JobQueueName>(
  queue: Q,
  handler: (data: JobData[Q]) => Promise<void>,
): JobHandlers {
  const unexpected = async () => {
    throw new Error('not this queue');
  };
  return {
    'publish-scheduled': unexpected,
    'publish-due': async () => {},
    'check-sources-due': async () => {},
    'check-sources-of-host': unexpected,
    email: unexpected,
    webhook: unexpected,
    [queue]: handler,
  };
}

async function startRunner(handlers: JobHandlers, concurrency = 1): Promise<JobRunner> {
  const runner = await startJobRunner({
    handlers,
    concurrency: { webhook: concurrency },
    pollingIntervalSeconds: 0.5,
    onError: () => {},
  });
  running.push(runner);
  return runner;
}

async function jobStates(): Promise<Record<string, string>> {
  const rows = await getDb().execute<{ id: string; state: string }>(
    sql`select id, state from pgboss.job where name = 'webhook'`,
  );
  return Object.fromEntries([...rows].map((row) => [row.id, row.state]));
}

/** Waits until `check` holds: the test's timeout bounds the wait, and fails it if never. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('sending a job', () => {
  it('exists only if the transaction that sent it commits', async () => {
    const kept = await transaction(() => sendJob('webhook', { deliveryId: 'kept' }));
    await expect(
      transaction(async () => {
        await sendJob('webhook', { deliveryId: 'dropped' });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    const rows = await getDb().execute<{ id: string; data: { deliveryId: string } }>(
      sql`select id, data from pgboss.job where name = 'webhook'`,
    );
    expect([...rows].map((row) => row.data.deliveryId)).toEqual(['kept']);
    expect(rows[0]?.id).toBe(kept);
    await getDb().execute(sql`delete from pgboss.job where name = 'webhook'`);
  });
});

describe('running jobs', () => {
  it('runs every job exactly once with two runners fetching side by side', async () => {
    const runs = new Map<string, number>();
    const handler = async ({ deliveryId }: JobData['webhook']) => {
      runs.set(deliveryId, (runs.get(deliveryId) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const ids = Array.from({ length: 120 }, (_, i) => `delivery-${i}`);
    for (const id of ids) await sendJob('webhook', { deliveryId: id });
    await startRunner(handlersFor('webhook', handler), 3);
    await startRunner(handlersFor('webhook', handler), 3);
    await until(async () =>
      Object.values(await jobStates()).every((state) => state === 'completed'),
    );
    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  }, 60_000);

  it('retries a job left running by a worker that died, once it expires', async () => {
    const id = await sendJob('webhook', { deliveryId: 'orphan' });
    // What a killed worker leaves: the job taken (active) two minutes ago, never finished.
    await getDb().execute(
      sql`update pgboss.job set state = 'active', started_on = now() - interval '2 minutes' where id = ${id}`,
    );
    const ran: string[] = [];
    await startRunner(
      handlersFor('webhook', async ({ deliveryId }) => {
        ran.push(deliveryId);
      }),
    );
    await until(async () => (await jobStates())[id!] === 'completed');
    expect(ran).toEqual(['orphan']);
    const [job] = await getDb().execute<{ retry_count: number }>(
      sql`select retry_count from pgboss.job where id = ${id}`,
    );
    expect(job?.retry_count).toBe(1);
  }, 90_000);
});

describe('the jobs page', () => {
  it('lists a failed job with its error and tries, and an admin retries it', async () => {
    const admin = await createTestPerson('admin');
    const editor = await createTestPerson('editor');
    let failing = true;
    const id = await sendJob('webhook', { deliveryId: 'flaky' });
    // No retries left: it fails for good at its first error.
    await getDb().execute(sql`update pgboss.job set retry_limit = 0 where id = ${id}`);
    const runner = await startRunner(
      handlersFor('webhook', async () => {
        if (failing) throw new Error('The endpoint answered HTTP 503');
      }),
    );
    await until(async () => (await jobStates())[id!] === 'failed');
    const [failed] = (await listJobs(admin, 'failed')).filter((job) => job.id === id);
    expect(failed).toMatchObject({
      queue: 'webhook',
      label: 'Deliver a webhook',
      detail: 'flaky',
      tries: 1,
      maxTries: 1,
      error: 'The endpoint answered HTTP 503',
    });
    await expect(listJobs(editor, 'failed')).rejects.toThrow(ForbiddenError);
    await expect(retryJob(editor, id!)).rejects.toThrow(ForbiddenError);

    failing = false;
    await retryJob(admin, id!);
    await until(async () => (await jobStates())[id!] === 'completed');
    await expect(retryJob(admin, id!)).rejects.toThrow(InvalidError);
    await runner.stop();
  }, 60_000);

  it('lists jobs waiting for their time, soonest first', async () => {
    const admin = await createTestPerson('admin');
    const later = new Date(Date.now() + 3_600_000);
    const soon = new Date(Date.now() + 600_000);
    await sendJob('publish-scheduled', { scheduleId: 'later' }, { startAfter: later });
    await sendJob('publish-scheduled', { scheduleId: 'soon' }, { startAfter: soon });
    const scheduled = await listJobs(admin, 'scheduled');
    expect(scheduled.map((job) => job.detail)).toEqual(['soon', 'later']);
    expect(scheduled[0]).toMatchObject({ label: 'Publish a scheduled brief', tries: 0 });
    expect(scheduled[0]?.runAt.getTime()).toBe(soon.getTime());
  });
});
