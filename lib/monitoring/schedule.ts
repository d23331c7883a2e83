/**
 * When a published brief's source is due for a check. Pure.
 *
 * Each source has its own moment in every period of FACTDESK_SOURCE_CHECK_HOURS: an offset into
 * the period taken from a hash of its brief's and its own ids, so that the sources of the
 * newsroom are spread over the period instead of all being checked at once (and a host's
 * sources are not all due together). A source is due once its latest moment has come and it
 * was not checked since (nor published since, for one never checked): the first check comes
 * within a period of publication, the next ones a period apart. A check that could not reach
 * the page (`retrying`) is tried again RETRY_AFTER_MS later instead.
 */
import { createHash } from 'node:crypto';
import type { SourceCheckStatus } from '@/db/enums';

/** How soon a source that could not be reached is tried again (before it counts unreachable). */
export const RETRY_AFTER_MS = 60 * 60 * 1000;

/** The source's moment in each period: milliseconds after the period's start (epoch-aligned). */
export function checkOffsetMs(briefId: string, sourceId: string, periodMs: number): number {
  const digest = createHash('sha256').update(`${briefId}:${sourceId}`).digest();
  // 48 bits: evenly spread over any period up to a year, in milliseconds.
  return digest.readUIntBE(0, 6) % periodMs;
}

/** The latest of the source's moments that is not after `now`. */
export function latestMoment(now: Date, offsetMs: number, periodMs: number): Date {
  const sinceMoment = (((now.getTime() - offsetMs) % periodMs) + periodMs) % periodMs;
  return new Date(now.getTime() - sinceMoment);
}

export interface WatchedSource {
  briefId: string;
  sourceId: string;
  /** When the brief was first published: a source never checked is due after it. */
  firstPublishedAt: Date;
  /** Its latest check of the address cited now, if any. */
  lastCheck: { checkedAt: Date; status: SourceCheckStatus } | null;
}

/** Whether the source is due for a check at `now` (the module's doc says when). */
export function isCheckDue(source: WatchedSource, now: Date, periodMs: number): boolean {
  const { lastCheck } = source;
  if (lastCheck?.status === 'retrying') {
    return now.getTime() - lastCheck.checkedAt.getTime() >= RETRY_AFTER_MS;
  }
  const moment = latestMoment(
    now,
    checkOffsetMs(source.briefId, source.sourceId, periodMs),
    periodMs,
  );
  return moment > (lastCheck?.checkedAt ?? source.firstPublishedAt);
}

/** The period between two checks of a source, from FACTDESK_SOURCE_CHECK_HOURS. */
export function checkPeriodMs(hours: number): number {
  return Math.max(1, Math.round(hours * 60 * 60 * 1000));
}
