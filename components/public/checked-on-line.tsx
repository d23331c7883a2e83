import { formatCheckedOn, timeZoneLabel } from '@/lib/content/dates';

/**
 * "Checked on December 6, 2025 (Paris time)" in a list of briefs: the day is the newsroom's
 * calendar date, so its zone is said, for readers elsewhere.
 */
export function CheckedOnLine({ day, timeZone }: { day: string; timeZone: string }) {
  return (
    <p className="checked-line">
      Checked on <time dateTime={day}>{formatCheckedOn(day)}</time> ({timeZoneLabel(timeZone)})
    </p>
  );
}
