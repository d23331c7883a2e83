/**
 * The editor's save queue as a pure state machine: `transition(state, event, env)` returns the
 * next state and the effects to carry out (send a request, write or clear the local copy, arm or
 * disarm a timer). The React hook (components/editor/use-save-queue.ts) only carries them out.
 *
 * Phases:
 * - `idle`: the server has everything.
 * - `dirty`: edits wait for the autosave timer (lib/editor/save-timing).
 * - `saving`: one request in flight; edits meanwhile wait for its answer, an explicit save is
 *   queued behind it.
 * - `retrying`: the last attempt did not reach the server, or the server failed (5xx); a retry
 *   is due after an exponential backoff with jitter, capped.
 * - `refused`: the server refused the text (4xx); the next edit or explicit save tries again.
 * - `conflict`: someone else saved first (409); nothing is saved by itself until the person
 *   chooses.
 */
import { emptyProblemPlaces, hasProblems, type ProblemPlaces } from '@/lib/content/problem-places';
import {
  AUTOSAVE_TIMING,
  delayUntilDue,
  keptSaveKeys,
  LOCAL_COPY_TIMING,
  type PendingEdits,
  withEdit,
} from './save-timing';

export type SaveKind = 'autosave' | 'save';
export type SavePhase = 'idle' | 'dirty' | 'saving' | 'retrying' | 'refused' | 'conflict';
export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'error';

/** What the machine needs of the server's head version (the hook keeps the whole record). */
export interface SaveHead {
  revision: number;
  number: number;
}

export interface SaveConflict<Head extends SaveHead, Document> {
  head: Head;
  /** Theirs. */
  document: Document;
  /** The text this editor sent. */
  mine: Document;
}

export interface SaveState<Head extends SaveHead, Document> {
  phase: SavePhase;
  head: Head;
  /**
   * The version this editor's text started from. It is the head, except after "keep mine": then
   * the save names it too, so that whoever wrote it stays counted (two-person rule).
   */
  textBase: number;
  /** Counts edits; `savedSeq` is the last edit the server confirmed. */
  editSeq: number;
  savedSeq: number;
  /** The request in flight: the edit it carries, and the lineage it was sent in. */
  inFlight: { seq: number; lineage: number } | null;
  /** An explicit save asked for while a request was in flight: it goes when the answer comes. */
  saveQueued: boolean;
  /** Edits not yet sent / not yet in the local copy (see save-timing). */
  unsent: PendingEdits | null;
  uncopied: PendingEdits | null;
  /** Failed attempts in a row (for the backoff). */
  attempts: number;
  /** Why the last attempt failed, while that is what the status shows. */
  failure: 'offline' | 'error' | null;
  /**
   * Idempotent saves: the server remembers the revision this editor's key last left the brief
   * at, so a save whose answer was lost is known to the next one. A text restored from this
   * device also names the keys it was written under.
   */
  writerKey: string;
  earlierKeys: string[];
  /** Moves when a restored copy replaces the text: answers to saves sent before it are stale. */
  lineage: number;
  message: string;
  /** What the server refused in the last save, placed next to the fields it is about. */
  problems: ProblemPlaces;
  conflict: SaveConflict<Head, Document> | null;
}

/** The fields of a save request other than the document. */
export interface SaveRequestFields {
  baseRevision: number;
  baseNumber: number;
  kind: SaveKind;
  saveKey: string;
  earlierKeys: string[];
}

/** What a local copy records besides the document. */
export interface LocalCopyFields {
  baseRevision: number;
  baseNumber: number;
  writerKeys: string[];
}

export type SaveTimer = 'save' | 'localCopy';

export type SaveOutcome<Head extends SaveHead, Document> =
  | { type: 'saved'; head: Head; state: string; unchanged: boolean }
  | { type: 'conflict'; head: Head; document: Document; mine: Document }
  | { type: 'refused'; status: number; error?: string; problems: ProblemPlaces | null }
  | { type: 'unreachable' };

export type SaveEvent<Head extends SaveHead, Document> =
  | { type: 'edited' }
  | { type: 'saveRequested' }
  | { type: 'timerFired'; timer: SaveTimer }
  | {
      type: 'answered';
      lineage: number;
      kind: SaveKind;
      outcome: SaveOutcome<Head, Document>;
    }
  | { type: 'online' }
  /** The page was hidden (`unloading`: it is going away, pagehide). */
  | { type: 'hidden'; unloading: boolean }
  | { type: 'conflictResolved'; choice: 'mine' | 'theirs' }
  /** Edits kept on this device are taken up where they left off, under a new key. */
  | {
      type: 'localCopyResumed';
      baseRevision: number;
      baseNumber: number;
      writerKeys: unknown;
      newKey: string;
    };

export type SaveEffect =
  | { type: 'send'; request: SaveRequestFields; lineage: number; keepalive: boolean }
  /** A last save as the page goes away: nobody reads its answer. */
  | { type: 'beacon'; request: SaveRequestFields }
  | { type: 'writeLocalCopy'; fields: LocalCopyFields }
  | { type: 'clearLocalCopy' }
  | { type: 'arm'; timer: SaveTimer; delayMs: number }
  | { type: 'disarm'; timer: SaveTimer }
  /** The server accepted a save; `state` is the brief's workflow state. */
  | { type: 'saved'; state: string };

export interface SaveEnv {
  now: number;
  /** A number in [0, 1), for the retry jitter. */
  random: () => number;
}

/** Retries: 2 s, 4 s, 8 s … doubling up to 30 s, each taken at random in its upper half. */
export const RETRY_BACKOFF = { baseMs: 2000, capMs: 30_000 };

/** The wait before retry number `attempt` (1 for the first), with jitter. */
export function retryDelay(attempt: number, random: number): number {
  const ceiling = Math.min(
    RETRY_BACKOFF.capMs,
    RETRY_BACKOFF.baseMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export function initialSaveState<Head extends SaveHead, Document>(
  head: Head,
  writerKey: string,
): SaveState<Head, Document> {
  return {
    phase: 'idle',
    head,
    textBase: head.number,
    editSeq: 0,
    savedSeq: 0,
    inFlight: null,
    saveQueued: false,
    unsent: null,
    uncopied: null,
    attempts: 0,
    failure: null,
    writerKey,
    earlierKeys: [],
    lineage: 0,
    message: '',
    problems: emptyProblemPlaces(),
    conflict: null,
  };
}

/** The save status people see. */
export function saveStatusOf(state: SaveState<SaveHead, unknown>): SaveStatus {
  switch (state.phase) {
    case 'idle':
      return 'saved';
    case 'dirty':
      return 'dirty';
    case 'saving':
      return 'saving';
    case 'conflict':
      return 'conflict';
    case 'refused':
      return 'error';
    case 'retrying':
      return state.failure ?? 'dirty';
  }
}

/** Whether some edit has not been confirmed by the server. */
export function hasUnconfirmedEdits(state: SaveState<SaveHead, unknown>): boolean {
  return state.editSeq !== state.savedSeq;
}

export interface Step<Head extends SaveHead, Document> {
  state: SaveState<Head, Document>;
  effects: SaveEffect[];
}

function requestFields(state: SaveState<SaveHead, unknown>, kind: SaveKind): SaveRequestFields {
  return {
    baseRevision: state.head.revision,
    baseNumber: state.textBase,
    kind,
    saveKey: state.writerKey,
    earlierKeys: state.earlierKeys,
  };
}

function localCopyFields(state: SaveState<SaveHead, unknown>): LocalCopyFields {
  return {
    baseRevision: state.head.revision,
    baseNumber: state.textBase,
    writerKeys: [state.writerKey, ...state.earlierKeys],
  };
}

/**
 * Sends the text now; the save timer is no longer needed. The local copy is brought up to the
 * text sent first: a copy older than a save it outlives would be offered back over that save.
 */
function send<Head extends SaveHead, Document>(
  state: SaveState<Head, Document>,
  kind: SaveKind,
  keepalive = false,
): Step<Head, Document> {
  const copy: SaveEffect[] = state.uncopied
    ? [
        { type: 'disarm', timer: 'localCopy' },
        { type: 'writeLocalCopy', fields: localCopyFields(state) },
      ]
    : [];
  return {
    state: {
      ...state,
      phase: 'saving',
      inFlight: { seq: state.editSeq, lineage: state.lineage },
      saveQueued: false,
      unsent: null,
      uncopied: null,
    },
    effects: [
      { type: 'disarm', timer: 'save' },
      ...copy,
      { type: 'send', request: requestFields(state, kind), lineage: state.lineage, keepalive },
    ],
  };
}

/** Writes the local copy now (a copy still pending would only repeat it). */
function keepLocalCopy<Head extends SaveHead, Document>(
  step: Step<Head, Document>,
): Step<Head, Document> {
  return {
    state: { ...step.state, uncopied: null },
    effects: [
      ...step.effects,
      { type: 'disarm', timer: 'localCopy' },
      { type: 'writeLocalCopy', fields: localCopyFields(step.state) },
    ],
  };
}

/** After an answer: the queued save goes now, or waiting edits get their autosave. */
function continueAfterAnswer<Head extends SaveHead, Document>(
  step: Step<Head, Document>,
  env: SaveEnv,
): Step<Head, Document> {
  const { state } = step;
  if (state.conflict) {
    return { state: { ...state, phase: 'conflict', saveQueued: false }, effects: step.effects };
  }
  if (state.saveQueued) {
    const sent = send(state, 'save');
    return { state: sent.state, effects: [...step.effects, ...sent.effects] };
  }
  if (state.phase === 'retrying' || state.phase === 'refused') return step;
  if (state.unsent) {
    return {
      state: { ...state, phase: 'dirty' },
      effects: [
        ...step.effects,
        {
          type: 'arm',
          timer: 'save',
          delayMs: delayUntilDue(state.unsent, AUTOSAVE_TIMING, env.now),
        },
      ],
    };
  }
  return {
    state: { ...state, phase: hasUnconfirmedEdits(state) ? 'dirty' : 'idle' },
    effects: step.effects,
  };
}

function answered<Head extends SaveHead, Document>(
  state: SaveState<Head, Document>,
  event: Extract<SaveEvent<Head, Document>, { type: 'answered' }>,
  env: SaveEnv,
): Step<Head, Document> {
  const sent = state.inFlight;
  const base: SaveState<Head, Document> = { ...state, inFlight: null, phase: 'dirty' };
  // The text was replaced by a restored copy meanwhile: this answer is about another text.
  if (!sent || event.lineage !== state.lineage) {
    return continueAfterAnswer({ state: base, effects: [] }, env);
  }
  const { outcome } = event;
  const problems =
    (outcome.type === 'refused' ? outcome.problems : null) ??
    // Most answers have none: keep the same object then, so nothing re-renders for it.
    (hasProblems(state.problems) ? emptyProblemPlaces() : state.problems);
  const answeredState = { ...base, problems };

  switch (outcome.type) {
    case 'saved': {
      const next: SaveState<Head, Document> = {
        ...answeredState,
        head: outcome.head,
        textBase: outcome.head.number,
        savedSeq: sent.seq,
        attempts: 0,
        failure: null,
        message:
          outcome.unchanged && event.kind === 'save'
            ? `No changes since version ${outcome.head.number}.`
            : '',
      };
      const effects: SaveEffect[] = [{ type: 'saved', state: outcome.state }];
      if (next.editSeq === sent.seq) {
        return continueAfterAnswer(
          {
            state: { ...next, uncopied: null },
            effects: [
              ...effects,
              { type: 'disarm', timer: 'localCopy' },
              { type: 'clearLocalCopy' },
            ],
          },
          env,
        );
      }
      return continueAfterAnswer(keepLocalCopy({ state: next, effects }), env);
    }
    case 'conflict':
      return continueAfterAnswer(
        keepLocalCopy({
          state: {
            ...answeredState,
            attempts: 0,
            failure: null,
            conflict: { head: outcome.head, document: outcome.document, mine: outcome.mine },
          },
          effects: [{ type: 'disarm', timer: 'save' }],
        }),
        env,
      );
    case 'refused': {
      const message =
        outcome.error ??
        `The server answered ${outcome.status}. Your changes are kept on this device.`;
      if (outcome.status >= 500) {
        return continueAfterAnswer(
          retryLater(
            keepLocalCopy({ state: { ...answeredState, message }, effects: [] }),
            'error',
            env,
          ),
          env,
        );
      }
      return continueAfterAnswer(
        keepLocalCopy({
          state: { ...answeredState, phase: 'refused', attempts: 0, failure: 'error', message },
          effects: [],
        }),
        env,
      );
    }
    case 'unreachable':
      return continueAfterAnswer(
        retryLater(
          keepLocalCopy({ state: { ...answeredState, message: '' }, effects: [] }),
          'offline',
          env,
        ),
        env,
      );
  }
}

function retryLater<Head extends SaveHead, Document>(
  step: Step<Head, Document>,
  failure: 'offline' | 'error',
  env: SaveEnv,
): Step<Head, Document> {
  const attempts = step.state.attempts + 1;
  return {
    state: { ...step.state, phase: 'retrying', attempts, failure },
    effects: [
      ...step.effects,
      { type: 'arm', timer: 'save', delayMs: retryDelay(attempts, env.random()) },
    ],
  };
}

function edited<Head extends SaveHead, Document>(
  state: SaveState<Head, Document>,
  env: SaveEnv,
): Step<Head, Document> {
  const unsent = withEdit(state.unsent, env.now);
  const uncopied = withEdit(state.uncopied, env.now);
  const next = { ...state, editSeq: state.editSeq + 1, unsent, uncopied };
  const effects: SaveEffect[] = [
    {
      type: 'arm',
      timer: 'localCopy',
      delayMs: delayUntilDue(uncopied, LOCAL_COPY_TIMING, env.now),
    },
  ];
  switch (state.phase) {
    case 'idle':
    case 'dirty':
    case 'refused':
      effects.push({
        type: 'arm',
        timer: 'save',
        delayMs: delayUntilDue(unsent, AUTOSAVE_TIMING, env.now),
      });
      return { state: { ...next, phase: 'dirty', failure: null }, effects };
    case 'retrying':
      // The retry stays when it was due: the backoff, not the typing, paces the attempts.
      return { state: next.failure === 'error' ? { ...next, failure: null } : next, effects };
    case 'saving':
    case 'conflict':
      return { state: next, effects };
  }
}

export function transition<Head extends SaveHead, Document>(
  state: SaveState<Head, Document>,
  event: SaveEvent<Head, Document>,
  env: SaveEnv,
): Step<Head, Document> {
  const unchanged = { state, effects: [] };
  switch (event.type) {
    case 'edited':
      return edited(state, env);

    case 'saveRequested':
      // In a conflict the person chooses first: a save now would be refused, or go over theirs.
      if (state.phase === 'conflict') return unchanged;
      if (state.phase === 'saving') return { state: { ...state, saveQueued: true }, effects: [] };
      return send(state, 'save');

    case 'timerFired':
      if (event.timer === 'localCopy') {
        if (!state.uncopied) return unchanged;
        return keepLocalCopy({ state, effects: [] });
      }
      if (state.phase === 'dirty' || state.phase === 'retrying') return send(state, 'autosave');
      return unchanged;

    case 'answered':
      return answered(state, event, env);

    case 'online':
      if (state.phase === 'retrying' || state.phase === 'dirty') return send(state, 'autosave');
      return unchanged;

    case 'hidden': {
      if (!hasUnconfirmedEdits(state)) return unchanged;
      const copied = keepLocalCopy({ state, effects: [] });
      if (state.conflict) return copied;
      if (event.unloading) {
        // The save in flight (sent as the page was hidden, just before) has every edit.
        if (state.inFlight?.seq === state.editSeq) return copied;
        return {
          state: copied.state,
          effects: [
            ...copied.effects,
            { type: 'beacon', request: requestFields(state, 'autosave') },
          ],
        };
      }
      if (state.phase !== 'dirty') return copied;
      const sent = send(copied.state, 'autosave', true);
      return { state: sent.state, effects: [...copied.effects, ...sent.effects] };
    }

    case 'conflictResolved': {
      const conflict = state.conflict;
      if (!conflict) return unchanged;
      const resolved = { ...state, conflict: null, head: conflict.head };
      if (event.choice === 'mine') {
        // Saved on top of theirs, still naming the version this text started from.
        const mine = { ...resolved, textBase: state.textBase, editSeq: state.editSeq + 1 };
        if (state.phase === 'saving') return { state: { ...mine, saveQueued: true }, effects: [] };
        return send(mine, 'save');
      }
      return {
        state: {
          ...resolved,
          phase: state.phase === 'saving' ? 'saving' : 'idle',
          textBase: conflict.head.number,
          savedSeq: state.editSeq,
          unsent: null,
          uncopied: null,
          saveQueued: false,
        },
        effects: [
          { type: 'disarm', timer: 'save' },
          { type: 'disarm', timer: 'localCopy' },
          { type: 'clearLocalCopy' },
        ],
      };
    }

    case 'localCopyResumed': {
      const resumed: SaveState<Head, Document> = {
        ...state,
        lineage: state.lineage + 1,
        head: { ...state.head, revision: event.baseRevision, number: event.baseNumber },
        textBase: event.baseNumber,
        // This tab's earlier saves are not part of the restored text: a new key from here on.
        writerKey: event.newKey,
        earlierKeys: keptSaveKeys(event.writerKeys),
      };
      return edited(resumed, env);
    }
  }
}
