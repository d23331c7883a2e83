/**
 * When the editor saves and when it keeps its local copy, as pure functions of the edit times.
 *
 * Both are a debounce with a maximum wait: a pause in typing triggers them, and continuous typing
 * (which never pauses) still triggers them once the oldest pending edit is `maxWaitMs` old.
 */
export interface Timing {
  /** Quiet time after the last edit. */
  quietMs: number;
  /** Longest an edit waits, however long typing continues. */
  maxWaitMs: number;
}

/** Saved to the server after a 2 s pause, and at least every 10 s while typing continues. */
export const AUTOSAVE_TIMING: Timing = { quietMs: 2000, maxWaitMs: 10_000 };

/** The local copy (kept until the server confirms) stays at most about 1 s behind the typing. */
export const LOCAL_COPY_TIMING: Timing = { quietMs: 300, maxWaitMs: 1000 };

/** Edits not yet written somewhere: when the first and the last of them happened (ms). */
export interface PendingEdits {
  firstAt: number;
  lastAt: number;
}

/** The pending edits once another edit happened at `now`. */
export function withEdit(pending: PendingEdits | null, now: number): PendingEdits {
  return pending ? { firstAt: pending.firstAt, lastAt: now } : { firstAt: now, lastAt: now };
}

/** The time at which the pending edits are due to be written. */
export function dueAt(pending: PendingEdits, timing: Timing): number {
  return Math.min(pending.lastAt + timing.quietMs, pending.firstAt + timing.maxWaitMs);
}

/** How long to wait from `now` before writing the pending edits (never negative). */
export function delayUntilDue(pending: PendingEdits, timing: Timing, now: number): number {
  return Math.max(0, dueAt(pending, timing) - now);
}

/** How many keys of earlier editors of a text a save names at most (the oldest are dropped). */
export const MAX_EARLIER_SAVE_KEYS = 20;

const SAVE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The unanswered save keys of a copy kept on this device, which the browser may have altered. */
export function keptSaveKeys(keys: unknown): string[] {
  if (!Array.isArray(keys)) return [];
  return keys
    .filter((key): key is string => typeof key === 'string' && SAVE_KEY.test(key))
    .slice(-MAX_EARLIER_SAVE_KEYS);
}
