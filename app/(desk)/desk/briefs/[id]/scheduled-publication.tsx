import { newsroomTimeZone } from '@/lib/config';
import type { Actor } from '@/lib/policy/policy';
import { scheduleOf } from '@/lib/scheduling/queries';
import { formatInZone } from '@/lib/scheduling/wall-clock';
import { CancelScheduleForm, ScheduleForm } from './schedule-forms';

/**
 * Scheduled publication on the brief: `Scheduled for …` with `Cancel schedule` while one waits,
 * `Schedule publication` for an approved version that may be published, and a failed schedule
 * said plainly until something else happens.
 */
export async function ScheduledPublication({
  briefId,
  actor,
  schedulable,
  mayPublish,
  publicVersionNumber,
}: {
  briefId: string;
  actor: Actor;
  /** The approved version, when it is the working copy and not public yet. */
  schedulable: { versionNumber: number; republishing: boolean; afterUnpublish: boolean } | null;
  /** The policy's answer for this brief. */
  mayPublish: boolean;
  publicVersionNumber: number | null;
}) {
  const { waiting, failed } = await scheduleOf(actor, briefId);
  const timeZone = newsroomTimeZone();
  if (waiting) {
    return (
      <div className="stack scheduled-publication">
        <p>
          <strong>Scheduled for {formatInZone(waiting.publishAt, timeZone)}</strong>: version{' '}
          {waiting.versionNumber}, by {waiting.scheduledByName}.
        </p>
        {mayPublish && <CancelScheduleForm briefId={briefId} />}
      </div>
    );
  }
  return (
    <>
      {failed && failed.versionNumber !== publicVersionNumber && (
        <p className="banner warn" role="note">
          The publication of version {failed.versionNumber} scheduled for{' '}
          {formatInZone(failed.publishAt, timeZone)} did not happen: {failed.message}
        </p>
      )}
      {schedulable && mayPublish && (
        <ScheduleForm briefId={briefId} timeZone={timeZone} {...schedulable} />
      )}
    </>
  );
}
