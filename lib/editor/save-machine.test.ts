import { describe, expect, it } from 'vitest';
import { emptyProblemPlaces } from '@/lib/content/problem-places';
import {
  initialSaveState,
  RETRY_BACKOFF,
  retryDelay,
  type SaveEffect,
  type SaveEvent,
  type SaveHead,
  type SaveOutcome,
  type SaveState,
  saveStatusOf,
  transition,
} from './save-machine';

type Head = SaveHead & { authorName: string };
type Doc = { text: string };
type State = SaveState<Head, Doc>;

const KEY = '00000000-0000-4000-8000-000000000001';
const NEW_KEY = '00000000-0000-4000-8000-000000000002';
const head = (revision: number, number = revision): Head => ({
  revision,
  number,
  authorName: 'Eli',
});

/**
 * Drives the machine as the hook does: a clock, the armed timers (firing in time order when the
 * clock moves) and a log of every effect.
 */
function driver(random = 0.5) {
  let state: State = initialSaveState<Head, Doc>(head(1), KEY);
  let now = 0;
  const timers = new Map<string, number>();
  const effects: SaveEffect[] = [];
  const dispatch = (event: SaveEvent<Head, Doc>) => {
    const step = transition(state, event, { now, random: () => random });
    state = step.state;
    for (const effect of step.effects) {
      effects.push(effect);
      if (effect.type === 'arm') timers.set(effect.timer, now + effect.delayMs);
      if (effect.type === 'disarm') timers.delete(effect.timer);
    }
  };
  const d = {
    get state() {
      return state;
    },
    get status() {
      return saveStatusOf(state);
    },
    get now() {
      return now;
    },
    timers,
    effects,
    dispatch,
    /** Moves the clock to `to`, firing the timers due on the way. */
    advance(to: number) {
      for (;;) {
        const due = [...timers].filter(([, at]) => at <= to).sort((a, b) => a[1] - b[1])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1];
        dispatch({ type: 'timerFired', timer: due[0] as 'save' | 'localCopy' });
      }
      now = to;
    },
    edit(at: number) {
      d.advance(at);
      dispatch({ type: 'edited' });
    },
    answer(outcome: SaveOutcome<Head, Doc>, kind: 'autosave' | 'save' = 'autosave') {
      const sent = [...effects].reverse().find((e) => e.type === 'send');
      dispatch({
        type: 'answered',
        lineage: sent?.type === 'send' ? sent.lineage : 0,
        kind,
        outcome,
      });
    },
    /** The effects since the last call. */
    take() {
      return effects.splice(0);
    },
  };
  return d;
}

const saved = (revision: number, unchanged = false): SaveOutcome<Head, Doc> => ({
  type: 'saved',
  head: head(revision),
  state: 'draft',
  unchanged,
});
const sends = (effects: SaveEffect[]) => effects.filter((e) => e.type === 'send');

describe('save machine: autosave', () => {
  it('saves 2 s after the last edit, keeps a local copy meanwhile, and clears it once saved', () => {
    const d = driver();
    d.edit(0);
    d.edit(100);
    expect(d.status).toBe('dirty');
    expect(d.timers.get('save')).toBe(2100);
    expect(d.timers.get('localCopy')).toBe(400);
    d.advance(500);
    expect(d.take().filter((e) => e.type === 'writeLocalCopy')).toEqual([
      {
        type: 'writeLocalCopy',
        fields: { baseRevision: 1, baseNumber: 1, writerKeys: [KEY] },
      },
    ]);
    d.advance(2100);
    expect(d.status).toBe('saving');
    expect(sends(d.take())).toEqual([
      {
        type: 'send',
        keepalive: false,
        lineage: 0,
        request: {
          baseRevision: 1,
          baseNumber: 1,
          kind: 'autosave',
          saveKey: KEY,
          earlierKeys: [],
        },
      },
    ]);
    d.answer(saved(2));
    expect(d.status).toBe('saved');
    expect(d.take()).toEqual(
      expect.arrayContaining([{ type: 'saved', state: 'draft' }, { type: 'clearLocalCopy' }]),
    );
    expect(d.state.head.revision).toBe(2);
    expect(d.timers.size).toBe(0);
  });

  it('edits during a save wait for its answer, then for their own autosave', () => {
    const d = driver();
    d.edit(0);
    d.advance(2000);
    d.edit(2500);
    d.edit(2600);
    expect(d.status).toBe('saving');
    expect(d.timers.has('save')).toBe(false);
    d.take();
    d.answer(saved(2));
    const effects = d.take();
    // The server has part of it: the local copy is brought up to date, nothing is cleared.
    expect(effects.some((e) => e.type === 'clearLocalCopy')).toBe(false);
    expect(effects.some((e) => e.type === 'writeLocalCopy')).toBe(true);
    expect(d.status).toBe('dirty');
    expect(d.timers.get('save')).toBe(4600);
    d.advance(4600);
    expect(sends(d.take())[0]).toMatchObject({ request: { baseRevision: 2, kind: 'autosave' } });
  });

  it('saves at least every 10 s while typing goes on', () => {
    const d = driver();
    for (let at = 0; at <= 10_000; at += 200) d.edit(at);
    expect(sends(d.take())).toHaveLength(1);
  });

  it('queues an explicit save behind the request in flight', () => {
    const d = driver();
    d.edit(0);
    d.advance(2000);
    d.dispatch({ type: 'saveRequested' });
    expect(sends(d.take())).toHaveLength(1);
    d.answer(saved(2));
    expect(sends(d.take())).toEqual([
      expect.objectContaining({
        request: expect.objectContaining({ kind: 'save', baseRevision: 2 }),
      }),
    ]);
    d.answer(saved(2, true), 'save');
    expect(d.state.message).toBe('No changes since version 2.');
    expect(d.status).toBe('saved');
  });
});

describe('save machine: failures and retries', () => {
  it('retries an unreachable server with a growing, capped, jittered backoff', () => {
    const d = driver(0);
    d.edit(0);
    d.advance(2000);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      d.answer({ type: 'unreachable' });
      expect(d.status).toBe('offline');
      const retryAt = d.timers.get('save')!;
      waits.push(retryAt - d.now);
      d.advance(retryAt);
      expect(d.status).toBe('saving');
    }
    // The lowest jitter takes half of each step: 2 s, 4 s, 8 s, 16 s, then the 30 s cap.
    expect(waits).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(retryDelay(1, 0.999)).toBeLessThanOrEqual(2000);
    expect(retryDelay(20, 0.999)).toBeLessThanOrEqual(RETRY_BACKOFF.capMs);
  });

  it('waits out the backoff while typing goes on, and tries at once when back online', () => {
    const d = driver();
    d.edit(0);
    d.advance(2000);
    d.answer({ type: 'unreachable' });
    const retryAt = d.timers.get('save');
    d.edit(2100);
    d.edit(2200);
    expect(d.timers.get('save')).toBe(retryAt);
    expect(d.status).toBe('offline');
    d.take();
    d.dispatch({ type: 'online' });
    expect(sends(d.take())).toHaveLength(1);
    d.answer(saved(2));
    expect(d.status).toBe('saved');
    expect(d.state.attempts).toBe(0);
  });

  it('retries a server error (5xx) with its message, and an edit shows the changes as unsaved', () => {
    const d = driver();
    d.edit(0);
    d.advance(2000);
    d.answer({
      type: 'refused',
      status: 503,
      error: 'The database is unavailable.',
      problems: null,
    });
    expect(d.status).toBe('error');
    expect(d.state.message).toBe('The database is unavailable.');
    expect(d.timers.has('save')).toBe(true);
    d.edit(2100);
    expect(d.status).toBe('dirty');
    d.advance(d.timers.get('save')!);
    expect(d.status).toBe('saving');
  });

  it('does not retry a refusal (4xx): the next edit tries again, with the problems placed', () => {
    const d = driver();
    d.edit(0);
    d.advance(2000);
    const problems = { ...emptyProblemPlaces(), question: ['Bad character.'] };
    d.answer({ type: 'refused', status: 400, error: 'Not saved.', problems });
    expect(d.status).toBe('error');
    expect(d.state.problems).toBe(problems);
    expect(d.timers.has('save')).toBe(false);
    d.edit(3000);
    expect(d.status).toBe('dirty');
    d.advance(5000);
    d.answer(saved(2));
    expect(d.state.problems.question).toEqual([]);
    // An answer without problems keeps the same (empty) object.
    const empty = d.state.problems;
    d.edit(6000);
    d.advance(8000);
    d.answer(saved(3));
    expect(d.state.problems).toBe(empty);
  });
});

describe('save machine: conflicts', () => {
  const conflict: SaveOutcome<Head, Doc> = {
    type: 'conflict',
    head: head(5, 3),
    document: { text: 'theirs' },
    mine: { text: 'mine' },
  };

  it('stops autosaving; keeping mine saves on top of theirs naming the version mine started from', () => {
    const d = driver();
    d.edit(0);
    d.advance(2000);
    d.answer(conflict);
    expect(d.status).toBe('conflict');
    expect(d.state.conflict?.mine).toEqual({ text: 'mine' });
    d.edit(2500);
    d.advance(20_000);
    d.take();
    expect(d.status).toBe('conflict');
    d.dispatch({ type: 'saveRequested' });
    expect(sends(d.take())).toEqual([]);
    d.dispatch({ type: 'conflictResolved', choice: 'mine' });
    expect(sends(d.take())[0]).toMatchObject({
      request: { kind: 'save', baseRevision: 5, baseNumber: 1 },
    });
    expect(d.state.conflict).toBeNull();
  });

  it('taking theirs drops the local text and its copy', () => {
    const d = driver();
    d.edit(0);
    d.advance(2000);
    d.answer(conflict);
    d.take();
    d.dispatch({ type: 'conflictResolved', choice: 'theirs' });
    expect(d.status).toBe('saved');
    expect(d.take()).toContainEqual({ type: 'clearLocalCopy' });
    expect(d.state.textBase).toBe(3);
  });
});

describe('save machine: local copies and leaving the page', () => {
  it('a restored copy gets a new key, names the old ones, and answers sent before it are ignored', () => {
    const d = driver();
    d.edit(0);
    d.advance(2000);
    d.dispatch({
      type: 'localCopyResumed',
      baseRevision: 7,
      baseNumber: 4,
      writerKeys: [KEY, 'not a key'],
      newKey: NEW_KEY,
    });
    d.answer(saved(2));
    expect(d.state.head.revision).toBe(7);
    expect(d.status).toBe('dirty');
    d.take();
    d.advance(10_000);
    expect(sends(d.take())[0]).toMatchObject({
      request: { baseRevision: 7, baseNumber: 4, saveKey: NEW_KEY, earlierKeys: [KEY] },
    });
  });

  it('hiding the page writes the local copy and saves at once; leaving it sends a last save', () => {
    const d = driver();
    d.dispatch({ type: 'hidden', unloading: false });
    expect(d.take()).toEqual([]);
    d.edit(0);
    d.take();
    d.dispatch({ type: 'hidden', unloading: false });
    const hidden = d.take();
    expect(hidden.map((e) => e.type)).toEqual(expect.arrayContaining(['writeLocalCopy', 'send']));
    expect(sends(hidden)[0]).toMatchObject({ keepalive: true });
    // Closing the tab: the save sent as it was hidden has every edit, so no second one.
    d.dispatch({ type: 'hidden', unloading: true });
    expect(d.take().map((e) => e.type)).not.toContain('beacon');
    d.edit(100);
    d.take();
    d.dispatch({ type: 'hidden', unloading: true });
    expect(d.take().map((e) => e.type)).toEqual(
      expect.arrayContaining(['writeLocalCopy', 'beacon']),
    );
  });

  it('a save brings the local copy up to the text it sends, first', () => {
    const d = driver();
    d.edit(0);
    d.take();
    d.dispatch({ type: 'saveRequested' });
    expect(d.take().map((e) => e.type)).toEqual(['disarm', 'disarm', 'writeLocalCopy', 'send']);
  });
});
