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

async function main(): Promise<void> {
  const worker = startCaptureWorker({
    onError: (error) => console.error('[factdesk] a capture failed:', error),
  });
  // Archive requests wait on the archive for up to minutes: a loop of their own.
  const archiver = startCaptureWorker({
    concurrency: 1,
    take: () => takeNextArchive({ afterArchived: announceBriefPageChanged }),
    onError: (error) => console.error('[factdesk] an archive request failed:', error),
  });
  const wake = () => {
    worker.wake();
    archiver.wake();
  };
  const listener = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
  await listener.listen(CAPTURES_CHANNEL, wake, wake);
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
