/**
 * Factdesk's background work, in a process of its own (lib's server modules load only under
 * Node's react-server condition, which the web server does not run under): the job queues
 * (pg-boss: scheduled publication, source checks, emails, webhooks; lib/jobs) and the source
 * captures and archive requests (lib/sources). Started by the production server beside itself
 * unless FACTDESK_JOBS=off, or on its own by `npm run worker`; any number may run against one
 * database. Stops on SIGTERM after the work under way.
 */
import postgres from 'postgres';
import { getDb } from '@/db/client';
import { getConfig } from '@/lib/config';
import { startJobRunner } from '@/lib/jobs/runner';
import { checkSourcesOfHost, sendDueSourceChecks } from '@/lib/monitoring/jobs';
import { emailNotification } from '@/lib/notifications/email';
import { announceBriefPageChanged } from '@/lib/publication/page-events';
import { publishDueSchedules, publishScheduled } from '@/lib/scheduling/jobs';
import { takeNextArchive } from '@/lib/sources/archives';
import { CAPTURES_CHANNEL, startCaptureWorker } from '@/lib/sources/captures';
import { deliverWebhook } from '@/lib/webhooks/deliver';
import { firstLine } from './supervisor';

/** How long to wait before asking a database that did not answer again. */
const RETRY_MS = 2000;

/** One line, as the launcher writes them: the database going away is expected, not a crash. */
const report = (what: string) => (error: unknown) =>
  console.error(`[factdesk] ${what}: ${firstLine(error)}`);

/** Runs `start` until the database answers (it may be starting, or coming back). */
async function whenUp<T>(what: string, start: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await start();
    } catch (error) {
      report(`the worker waits for the database (${what})`)(error);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

async function main(): Promise<void> {
  if (!getConfig().DATABASE_URL) {
    console.error(
      '[factdesk] DATABASE_URL is not set: the worker runs against the Postgres of a Factdesk started with DATABASE_URL (`npm start` runs its own worker).',
    );
    process.exit(1);
  }
  const worker = startCaptureWorker({ onError: report('a capture could not be taken') });
  // Archive requests wait on the archive for up to minutes: a loop of their own.
  const archiver = startCaptureWorker({
    concurrency: 1,
    take: () => takeNextArchive({ afterArchived: announceBriefPageChanged }),
    onError: report('an archive request could not be taken'),
  });
  const wake = () => {
    worker.wake();
    archiver.wake();
  };
  const listener = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
  await whenUp('captures', () => listener.listen(CAPTURES_CHANNEL, wake, wake));
  const jobs = await whenUp('jobs', () =>
    startJobRunner({
      handlers: {
        'publish-scheduled': publishScheduled,
        'publish-due': publishDueSchedules,
        'check-sources-due': sendDueSourceChecks,
        'check-sources-of-host': checkSourcesOfHost,
        email: emailNotification,
        webhook: deliverWebhook,
      },
      // Hosts are checked side by side (each one request at a time); deliveries too.
      concurrency: { 'check-sources-of-host': 4, email: 2, webhook: 4 },
      // A scheduled publication is picked up within a second of its time.
      pollingIntervalSeconds: 1,
      onError: report('the job queue'),
    }),
  );
  console.log('[factdesk] the worker is running');
  const stop = () => {
    void Promise.all([worker.stop(), archiver.stop(), jobs.stop()])
      .then(() => Promise.all([listener.end({ timeout: 2 }), getDb().$client.end({ timeout: 2 })]))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
