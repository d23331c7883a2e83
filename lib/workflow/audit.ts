import 'server-only';
import type { Transaction } from '@/db/client';
import { auditLog } from '@/db/schema';

/** Writes one audit entry; every transition and publication event goes through here. */
export async function recordAudit(
  tx: Transaction,
  entry: {
    briefId: string;
    actorId: string;
    action: string;
    versionNumber?: number | null;
    fromState?: string | null;
    toState?: string | null;
    note?: string | null;
  },
): Promise<void> {
  await tx.insert(auditLog).values(entry);
}
