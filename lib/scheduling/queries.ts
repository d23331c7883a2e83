import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { briefVersions, publicationSchedules, users } from '@/db/schema';
import { assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';

export interface ScheduleSummary {
  /** The publication waiting for its time, if one does. */
  waiting: {
    publishAt: Date;
    versionNumber: number;
    scheduledByName: string;
    /** The note readers will get with it (`typo` for none), when it replaces a published version. */
    changeKind: string | null;
  } | null;
  /** The latest schedule, when it failed: nobody should miss that it did not happen. */
  failed: { publishAt: Date; versionNumber: number; message: string; at: Date } | null;
}

/** The brief's scheduled publication, and the last one if it failed. Requires `briefs.view`. */
export async function scheduleOf(actor: Actor, briefId: string): Promise<ScheduleSummary> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  const rows = () =>
    db()
      .select({
        state: publicationSchedules.state,
        publishAt: publicationSchedules.publishAt,
        versionNumber: briefVersions.number,
        scheduledByName: users.name,
        changeKind: publicationSchedules.changeKind,
        failureMessage: publicationSchedules.failureMessage,
        finishedAt: publicationSchedules.finishedAt,
      })
      .from(publicationSchedules)
      .innerJoin(briefVersions, eq(briefVersions.id, publicationSchedules.versionId))
      .innerJoin(users, eq(users.id, publicationSchedules.createdBy));
  const [waiting] = await rows().where(
    and(eq(publicationSchedules.briefId, briefId), eq(publicationSchedules.state, 'scheduled')),
  );
  if (waiting) {
    const { publishAt, versionNumber, scheduledByName, changeKind } = waiting;
    return { waiting: { publishAt, versionNumber, scheduledByName, changeKind }, failed: null };
  }
  const [latest] = await rows()
    .where(eq(publicationSchedules.briefId, briefId))
    .orderBy(desc(publicationSchedules.finishedAt))
    .limit(1);
  if (latest?.state !== 'failed') return { waiting: null, failed: null };
  return {
    waiting: null,
    failed: {
      publishAt: latest.publishAt,
      versionNumber: latest.versionNumber,
      message: latest.failureMessage ?? '',
      at: latest.finishedAt ?? latest.publishAt,
    },
  };
}
