/**
 * Takes the source captures asked for (lib/sources/captures), and the archive requests made on
 * publication (lib/sources/archives) when an archive is configured: started by the production server
 * (scripts/server.ts) as a process of its own, because lib's server modules load only under
 * Node's react-server condition. Woken by Postgres notifications on CAPTURES_CHANNEL, and polls
 * in case one was missed. Stops on SIGTERM after the captures under way.
 */
import postgres from 'postgres';
import { getDb } from '@/db/client';
import { announceBriefPageChanged } from '@/lib/publication/page-events';
import { takeNextArchive } from '@/lib/sources/archives';
import { CAPTURES_CHANNEL, startCaptureWorker } from '@/lib/sources/captures';
import { firstLine } from './supervisor';

/** How long to wait before asking a database that did not answer again. */
const RETRY_MS = 2000;

/** One line, as the launcher writes them: the database going away is expected, not a crash. */
const report = (what: string) => (error: unknown) =>
  console.error(`[factdesk] ${what}: ${firstLine(error)}`);

/** Listens on CAPTURES_CHANNEL, waiting for a database that is starting or coming back. */
async function listenWhenUp(listener: postgres.Sql, wake: () => void): Promise<void> {
  for (;;) {
    try {
      await listener.listen(CAPTURES_CHANNEL, wake, wake);
      return;
    } catch (error) {
      report('the capture worker waits for the database')(error);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

async function main(): Promise<void> {
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
  await listenWhenUp(listener, wake);
  const stop = () => {
    void Promise.all([worker.stop(), archiver.stop()])
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
