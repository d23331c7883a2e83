import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { readerReports } from '@/db/schema';
import { submitReaderReport } from './reports';

/**
 * A question a reader suggested, for tests: each from an address of its own, so that no limit
 * is reached. Returns its id.
 */
export async function readersQuestion(): Promise<string> {
  const message = `Is this question ${crypto.randomUUID()} checked?`;
  const address = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
  await submitReaderReport({ kind: 'question', message, email: null }, address);
  const [report] = await getDb()
    .select({ id: readerReports.id })
    .from(readerReports)
    .where(eq(readerReports.message, message));
  return report!.id;
}
