/**
 * Scheduled publication with real worker processes (scripts/worker.ts, as `npm run worker` runs
 * it) on this file's database, on the real clock: a worker started after a schedule's time
 * publishes it at once, saying how late; two workers publish a schedule once; a worker killed
 * inside the publication's transaction leaves it to another, which publishes it once.
 * Every process a test starts is stopped after it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, briefs, publicationSchedules } from '@/db/schema';
import { approvedBrief } from '@/lib/policy/test-briefs';
import { createTestPerson } from '@/lib/users/test-people';
import { WORKER_ARGS } from '@/scripts/worker-args';
import { schedulePublication } from './mutations';

const root = path.resolve(import.meta.dirname, '..', '..');
const workers = new Set<ChildProcess>();

afterEach(async () => {
  await Promise.all(
    [...workers].map(async (worker) => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }),
  );
});

interface Worker {
  child: ChildProcess;
  exited: Promise<unknown>;
  output(): string;
}

/** A worker process on this file's database; resolves once it says it runs. */
async function startWorker(): Promise<Worker> {
  const child = spawn(process.execPath, WORKER_ARGS, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL,
      FACTDESK_FETCH_ALLOW: '127.0.0.1',
    },
    // With an IPC channel: if this test process dies, the worker stops (exit-with-parent.ts).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  workers.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve)).then(() =>
    workers.delete(child),
  );
  let output = '';
  const running = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('the worker is running')) resolve();
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', () => reject(new Error(`The worker stopped:\n${output}`)));
  });
  await running;
  return { child, exited, output: () => output };
}

/** Asks again every 200 ms until `check` holds (the test's timeout bounds the wait). */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 200));
}

async function scheduleState(briefId: string): Promise<string | undefined> {
  const [row] = await getDb()
    .select({ state: publicationSchedules.state })
    .from(publicationSchedules)
    .where(eq(publicationSchedules.briefId, briefId));
  return row?.state;
}

async function auditCount(briefId: string, action: string): Promise<number> {
  const rows = await getDb()
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.briefId, briefId), eq(auditLog.action, action)));
  return rows.length;
}

async function expectPublishedOnce(briefId: string): Promise<void> {
  expect(await scheduleState(briefId)).toBe('published');
  const [brief] = await getDb().select().from(briefs).where(eq(briefs.id, briefId));
  expect(brief?.published).toBe(true);
  expect(await auditCount(briefId, 'publish')).toBe(1);
  expect(await auditCount(briefId, 'scheduled_publish')).toBe(1);
}

/** A publication of an approved brief scheduled `seconds` from now, by a reviewer. */
async function scheduledSoon(seconds: number): Promise<string> {
  const fixture = await approvedBrief();
  await schedulePublication(await createTestPerson('reviewer'), fixture.id, {
    versionNumber: fixture.version.number,
    publishAt: new Date(Date.now() + seconds * 1000),
  });
  return fixture.id;
}

describe('scheduled publication with worker processes', () => {
  it('is published as soon as a worker starts when none ran at its time, and the audit says how late', async () => {
    const fixture = await approvedBrief();
    // Scheduled (on a clock five minutes behind) for two minutes ago: no worker ran since.
    const publishAt = new Date(Date.now() - 120_000);
    await schedulePublication(
      await createTestPerson('reviewer'),
      fixture.id,
      { versionNumber: fixture.version.number, publishAt },
      new Date(publishAt.getTime() - 180_000),
    );
    await startWorker();
    await until(async () => (await scheduleState(fixture.id)) !== 'scheduled');
    await expectPublishedOnce(fixture.id);
    const [audit] = await getDb()
      .select({ note: auditLog.note })
      .from(auditLog)
      .where(and(eq(auditLog.briefId, fixture.id), eq(auditLog.action, 'scheduled_publish')));
    const late = Number(
      /published (\d+) s after that time \(2 min \d+ s late\)/.exec(audit!.note!)?.[1],
    );
    expect(late).toBeGreaterThanOrEqual(120);
  }, 60_000);

  it('is published exactly once by two workers running side by side', async () => {
    await Promise.all([startWorker(), startWorker()]);
    const briefId = await scheduledSoon(2);
    await until(async () => (await scheduleState(briefId)) !== 'scheduled');
    await expectPublishedOnce(briefId);
    const jobs = await getDb().execute<{ state: string }>(
      sql`select state from pgboss.job where name = 'publish-scheduled' and data->>'scheduleId' in
        (select id::text from publication_schedules where brief_id = ${briefId})`,
    );
    expect([...jobs].map((job) => job.state)).toEqual(['completed']);
  }, 60_000);

  it('is published exactly once by another worker when the one publishing it is killed', async () => {
    const first = await startWorker();
    const briefId = await scheduledSoon(3);
    // The brief's row held in a connection of the test's own: the worker that takes the
    // schedule locks the schedule's row, then waits for the brief's, inside its transaction.
    const holder = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = new Promise<void>((resolve, reject) => {
      holder
        .begin(async (tx) => {
          await tx`select id from briefs where id = ${briefId} for update`;
          resolve();
          await released;
        })
        .catch(reject);
    });
    await held;
    await until(async () => {
      const waiting = await getDb().execute<{ count: number }>(sql`
        select count(*)::int as count from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'
          and query ilike '%from "briefs"%for update%'`);
      return (waiting[0]?.count ?? 0) > 0;
    });
    first.child.kill('SIGKILL');
    await first.exited;
    release();
    await holder.end();
    expect(await scheduleState(briefId)).toBe('scheduled');

    // The sweep (every minute) or the expired job's retry publishes it.
    await startWorker();
    await until(async () => (await scheduleState(briefId)) !== 'scheduled');
    await expectPublishedOnce(briefId);
  }, 180_000);
});
