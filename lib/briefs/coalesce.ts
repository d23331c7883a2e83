/** Consecutive autosaves by one person within this window share one version. */
export const COALESCE_WINDOW_MS = 10 * 60_000;

export interface HeadVersion {
  kind: 'autosave' | 'save' | 'restore' | 'import';
  authorId: string;
  createdAt: Date;
  /** Submitted, reviewed or published: never changes again. */
  frozen: boolean;
}

/**
 * Whether an autosave by `authorId` at `now` may update the head version in place instead of
 * adding one: only the same person's unfrozen autosave, started less than 10 minutes ago.
 */
export function canCoalesce(
  head: HeadVersion,
  save: { kind: 'autosave' | 'save'; authorId: string; now: Date },
): boolean {
  return (
    save.kind === 'autosave' &&
    head.kind === 'autosave' &&
    !head.frozen &&
    head.authorId === save.authorId &&
    save.now.getTime() - head.createdAt.getTime() < COALESCE_WINDOW_MS
  );
}
