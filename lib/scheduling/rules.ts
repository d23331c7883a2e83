/** The rules of a scheduled publication, as pure functions (product.md, issue 15). */

import type { WorkflowState } from '@/lib/workflow/rules';

/** How far ahead a publication may be scheduled: a year (a date further off is a typo). */
export const LONGEST_AHEAD_DAYS = 366;

/** Why a publication cannot be scheduled at that time, or null when it can. */
export function publishAtProblem(publishAt: Date, now: Date): string | null {
  if (publishAt.getTime() <= now.getTime()) return 'Choose a time in the future.';
  if (publishAt.getTime() - now.getTime() > LONGEST_AHEAD_DAYS * 86_400_000) {
    return 'Choose a time within a year.';
  }
  return null;
}

/** A schedule as it was made: the version, the approval it stood on, what readers saw then. */
export interface ScheduledPublication {
  versionId: string;
  versionNumber: number;
  approvalId: string;
  /** The version readers saw when it was scheduled (null: none). */
  publicVersionId: string | null;
}

/** The brief at the time of publication, with its approval and the scheduled version's hash. */
export interface BriefAtPublication {
  state: WorkflowState;
  approvalId: string | null;
  published: boolean;
  publishedVersionId: string | null;
  /** The brief's current approval (null: none). */
  approval: { versionId: string; contentHash: string } | null;
  /** The scheduled version's content hash. */
  versionContentHash: string;
}

/**
 * Why the approval the publication was scheduled under no longer stands, or null when it does:
 * the same approval of the same version, no edit since, and the public page as it was (an
 * unpublish is an admin's decision that a schedule must not undo).
 */
export function whyNoLongerStands(
  schedule: ScheduledPublication,
  brief: BriefAtPublication,
): string | null {
  const version = `version ${schedule.versionNumber}`;
  if (brief.state !== 'approved') {
    return `The brief was edited after ${version} was approved, which withdrew the approval.`;
  }
  if (brief.approvalId !== schedule.approvalId) {
    return `The approval of ${version} was replaced by a newer one.`;
  }
  if (
    !brief.approval ||
    brief.approval.versionId !== schedule.versionId ||
    brief.approval.contentHash !== brief.versionContentHash
  ) {
    return `The approval no longer matches ${version}.`;
  }
  const publicNow = brief.published ? brief.publishedVersionId : null;
  if (publicNow !== schedule.publicVersionId) {
    if (publicNow === schedule.versionId)
      return `Version ${schedule.versionNumber} was published meanwhile.`;
    if (publicNow === null) return 'The brief was unpublished after the publication was scheduled.';
    return 'Another version was published after the publication was scheduled.';
  }
  return null;
}

/** A delay in words: `4 s`, `2 min 5 s`, `3 h 20 min`, `2 d 4 h`. */
export function describeDelay(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}
