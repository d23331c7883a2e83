/**
 * Background jobs under the benchmark: how long after its time a scheduled publication is on the
 * public page (the server's own worker publishes it), and how many jobs a second one and two
 * worker processes (scripts/worker.ts) get through: webhook deliveries, each signed and POSTed
 * through the safe fetcher to a receiver in this process on 127.0.0.1, and recorded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { briefs, webhookDeliveries } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import type { Actor } from '@/lib/policy/policy';
import { schedulePublication } from '@/lib/scheduling/mutations';
import { transaction } from '@/lib/transaction';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { addWebhook, removeWebhook } from '@/lib/webhooks/mutations';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { WORKER_ARGS } from '../worker-args';
import { benchDocument, citingSummary } from './documents';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Milliseconds from each scheduled time to the first 200 of the brief's public page: briefs
 * approved and scheduled `aheadMs` ahead, one after another, polled every 10 ms.
 */
export async function scheduledPublicationDelays(input: {
  editor: Actor;
  reviewer: Actor;
  baseUrl: string;
  rounds: number;
  aheadMs?: number;
}): Promise<number[]> {
  const delays: number[] = [];
  for (let round = 0; round < input.rounds; round += 1) {
    const id = await approvedBenchBrief(
      input,
      `Was scheduled publication ${round + 1} of this benchmark on time?`,
    );
    const publishAt = new Date(Date.now() + (input.aheadMs ?? 3000));
    await schedulePublication(input.reviewer, id, { versionNumber: 2, publishAt });
    let slug: string | null = null;
    while (!slug) {
      await pause(10);
      const [row] = await getDb()
        .select({ slug: briefs.slug })
        .from(briefs)
        .where(and(eq(briefs.id, id), eq(briefs.published, true)));
      slug = row?.slug ?? null;
    }
    for (;;) {
      const response = await fetch(`${input.baseUrl}/briefs/${slug}`);
      await response.arrayBuffer();
      if (response.status === 200) break;
      await pause(10);
    }
    delays.push(Date.now() - publishAt.getTime());
  }
  return delays;
}

/**
 * A brief of 300 words citing three sources, written and submitted by the editor and approved by
 * the reviewer: version 2, ready to publish.
 */
export async function approvedBenchBrief(
  people: { editor: Actor; reviewer: Actor },
  question: string,
): Promise<string> {
  const document = benchDocument({ words: 300, citations: 3, sources: 3, question });
  document.summary = citingSummary(document.sources[0]!.id);
  const { id } = await createBrief(people.editor);
  await saveBrief(people.editor, id, { baseRevision: 1, kind: 'save', document });
  await submitForReview(people.editor, id);
  await approveBrief(people.reviewer, id, {
    versionNumber: 2,
    verifiedSourceIds: document.sources.map((source) => source.id),
  });
  return id;
}

/** Worker processes as `npm run worker` starts them, resolved once each says it runs. */
async function startWorkers(count: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ChildProcess>((resolve, reject) => {
          const child = spawn(process.execPath, WORKER_ARGS, {
            stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
            env: { ...process.env, FACTDESK_FETCH_ALLOW: '127.0.0.1', LOG_LEVEL: 'warn' },
          });
          child.stdout!.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('the worker is running')) resolve(child);
          });
          child.once('exit', (code) => reject(new Error(`A worker exited (${code}).`)));
        }),
    ),
  );
}

function stopWorkers(workers: ChildProcess[]): Promise<unknown> {
  return Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.removeAllListeners('exit');
          if (worker.exitCode !== null) return resolve();
          worker.once('exit', () => resolve());
          worker.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * Jobs a second through `workers` worker processes: `deliveries` webhook deliveries sent in one
 * commit while the workers idle, timed from that commit until the last is recorded delivered.
 */
export async function webhookJobsPerSecond(input: {
  admin: Actor;
  workers: number;
  deliveries: number;
}): Promise<number> {
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(204);
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const webhook = await addWebhook(input.admin, { url, events: ['corrected'] });
  const workers = await startWorkers(input.workers);
  try {
    const payload = {
      briefId: '00000000-0000-4000-8000-000000000000',
      url: null,
      question: 'A benchmark event',
      versionNumber: null,
      checkedOn: null,
    };
    await transaction(async () => {
      for (let i = 0; i < input.deliveries; i += 1) await emitWebhookEvent('corrected', payload);
    });
    const started = performance.now();
    for (;;) {
      const [row] = await getDb()
        .select({ delivered: sql<number>`count(*)::int` })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.webhookId, webhook.id),
            eq(webhookDeliveries.state, 'delivered'),
          ),
        );
      if ((row?.delivered ?? 0) >= input.deliveries) break;
      await pause(20);
    }
    return input.deliveries / ((performance.now() - started) / 1000);
  } finally {
    await stopWorkers(workers);
    await removeWebhook(input.admin, webhook.id);
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}
