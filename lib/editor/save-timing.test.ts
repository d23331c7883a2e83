import { describe, expect, it } from 'vitest';
import {
  AUTOSAVE_TIMING,
  delayUntilDue,
  dueAt,
  keptSaveKeys,
  LOCAL_COPY_TIMING,
  type PendingEdits,
  withEdit,
} from './save-timing';

/**
 * Replays keystrokes at the given times (ms) through the scheduler the way the editor does (each
 * edit re-arms one timer; a timer that fires before the next edit writes and clears the pending
 * edits) and returns the times at which it wrote.
 */
function writes(keystrokes: number[], timing = AUTOSAVE_TIMING, until = Infinity): number[] {
  const written: number[] = [];
  let pending: PendingEdits | null = null;
  let timerAt: number | null = null;
  for (const now of [...keystrokes, until]) {
    // Timers due before this moment fire first (at most one is armed at a time).
    if (timerAt !== null && timerAt <= now) {
      written.push(timerAt);
      pending = null;
      timerAt = null;
    }
    if (now === until) break;
    pending = withEdit(pending, now);
    timerAt = now + delayUntilDue(pending, timing, now);
  }
  return written;
}

/** The gaps between consecutive times, and from the last one to `end`. */
const gaps = (times: number[], end?: number) =>
  [...times, ...(end === undefined ? [] : [end])].slice(1).map((t, i) => t - (times[i] ?? 0));

const every = (stepMs: number, untilMs: number) =>
  Array.from({ length: Math.floor(untilMs / stepMs) + 1 }, (_, i) => i * stepMs);

describe('autosave timing', () => {
  it('saves 2 s after the last edit when typing pauses', () => {
    expect(writes([0, 150, 400])).toEqual([2400]);
  });

  it('saves at least every 10 s while typing continues without a pause', () => {
    // A keystroke every 200 ms for 31 s: the old debounce-only autosave never saved.
    const saves = writes(every(200, 31_000), AUTOSAVE_TIMING, 31_000);
    expect(saves.length).toBeGreaterThanOrEqual(3);
    expect(saves[0]).toBe(10_000);
    for (const gap of gaps(saves)) expect(gap).toBeLessThanOrEqual(10_200);
  });

  it('counts the maximum wait from the first edit not yet saved', () => {
    expect(dueAt({ firstAt: 5000, lastAt: 14_900 }, AUTOSAVE_TIMING)).toBe(15_000);
    expect(dueAt({ firstAt: 5000, lastAt: 6000 }, AUTOSAVE_TIMING)).toBe(8000);
  });

  it('never waits a negative time when the maximum wait has passed already', () => {
    expect(delayUntilDue({ firstAt: 0, lastAt: 12_000 }, AUTOSAVE_TIMING, 12_000)).toBe(0);
  });
});

describe('local copy timing', () => {
  it('keeps the local copy at most about 1 s behind continuous typing', () => {
    const copies = writes(every(200, 13_000), LOCAL_COPY_TIMING, 13_000);
    expect(copies[0]).toBe(1000);
    // Between copies, and from the last copy to the crash at 13 s.
    for (const gap of gaps(copies, 13_000)) expect(gap).toBeLessThanOrEqual(1200);
  });

  it('writes the local copy shortly after typing pauses', () => {
    expect(writes([0, 100], LOCAL_COPY_TIMING)).toEqual([400]);
  });

  it('does not write on every keystroke', () => {
    // 65 keystrokes in 13 s: one write per second, not one per keystroke.
    expect(writes(every(200, 13_000), LOCAL_COPY_TIMING, 13_000).length).toBeLessThanOrEqual(14);
  });
});

describe('keptSaveKeys', () => {
  it('keeps the well-formed keys of a local copy, the newest 20 at most', () => {
    const key = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    expect(keptSaveKeys(undefined)).toEqual([]);
    expect(keptSaveKeys('nope')).toEqual([]);
    expect(keptSaveKeys([key(1), 'x', 3, 'ABCDEF00-0000-4000-8000-000000000002', key(4)])).toEqual([
      key(1),
      key(4),
    ]);
    const many = Array.from({ length: 30 }, (_, n) => key(n));
    expect(keptSaveKeys(many)).toEqual(many.slice(10));
  });
});
