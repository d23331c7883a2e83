/**
 * Takes the source captures asked for (lib/sources/captures): started by the production server
 * (scripts/server.ts) as a process of its own, because lib's server modules load only under
 * Node's react-server condition. Woken by Postgres notifications on CAPTURES_CHANNEL, and polls
 * in case one was missed. Stops on SIGTERM after the captures under way.
 */
import postgres from 'postgres';
import { getDb } from '@/db/client';
import { CAPTURES_CHANNEL, startCaptureWorker } from '@/lib/sources/captures';

async function main(): Promise<void> {
  const worker = startCaptureWorker({
    onError: (error) => console.error('[factdesk] a capture failed:', error),
  });
  const listener = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
  await listener.listen(CAPTURES_CHANNEL, () => worker.wake(), worker.wake);
  const stop = () => {
    void worker
      .stop()
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
