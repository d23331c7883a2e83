'use client';

import { useEffect, useState } from 'react';
import type { HeadInfo } from '@/lib/briefs/mutations';
import type { BriefDocument } from '@/lib/content/document';
import { placeProblems } from '@/lib/content/problem-places';
import {
  type IdleScheduler,
  type LocalCopy,
  LocalCopyStore,
  type LocalDraft,
} from '@/lib/editor/local-copy';
import {
  initialSaveState,
  type SaveConflict,
  type SaveEffect,
  type SaveEvent,
  type SaveOutcome,
  type SaveState,
  type SaveStatus,
  type SaveTimer,
  transition,
} from '@/lib/editor/save-machine';

export type { SaveStatus } from '@/lib/editor/save-machine';

export const saveStatusText: Record<SaveStatus, string> = {
  saved: 'Saved',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  offline: 'Offline — changes kept on this device',
  conflict: 'Conflict',
  error: 'Not saved',
};

export type Conflict = SaveConflict<HeadInfo, BriefDocument>;
type State = SaveState<HeadInfo, BriefDocument>;

/** Requests that outlive the page (keepalive) may carry at most 64 KiB in all. */
const KEEPALIVE_MAX_BYTES = 60_000;

/** A save that has not been answered by then is taken as unreachable (and retried). */
const SAVE_TIMEOUT_MS = 30_000;

const byteLength = (text: string) => new Blob([text]).size;

/**
 * Idle time for the local copy: requestIdleCallback, which waits for a pause between frames
 * (at most a second); where there is none, a short task after 50 ms.
 */
const whenIdle: IdleScheduler = (work) => {
  if (typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(
      (deadline) => {
        // Called because the second passed: a short slice all the same.
        const until = performance.now() + 5;
        work(() => (deadline.didTimeout ? until - performance.now() : deadline.timeRemaining()));
      },
      { timeout: 1000 },
    );
  } else {
    setTimeout(() => {
      const until = performance.now() + 5;
      work(() => until - performance.now());
    }, 50);
  }
};

/** A random key (crypto.randomUUID exists only on https and localhost). */
function newSaveKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface SaveQueueOptions {
  briefId: string;
  initialHead: HeadInfo;
  /** The brief as JSON text: read only when a save is sent. */
  documentJson: () => string;
  /** The brief as the local copy stores it: read only when the copy is written. */
  localCopy: () => Pick<LocalCopy, 'fields' | 'parts'>;
}

/**
 * Carries out the save machine of lib/editor/save-machine: its timers, its requests, the local
 * copy and the page's events. An external store: React reads it with useSyncExternalStore.
 */
export class SaveQueue {
  /** Told the brief's workflow state after every accepted save. */
  onSaved: (state: string) => void = () => {};
  private state: State;
  private readonly timers = new Map<SaveTimer, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();
  private readonly copies: LocalCopyStore;
  /** Unmounted: timers are not armed again, nothing more is sent but what leaving sends. */
  private detached = false;

  constructor(private readonly options: SaveQueueOptions) {
    this.state = initialSaveState(options.initialHead, newSaveKey());
    this.copies = new LocalCopyStore(() => window.localStorage, options.briefId, whenIdle);
  }

  getSnapshot = (): State => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Call after every edit: cheap (it only moves timers); the text is read when they fire. */
  edited = (): void => this.dispatch({ type: 'edited' });

  save = (): void => this.dispatch({ type: 'saveRequested' });

  /** `mine` saves this editor's text on top of theirs; `theirs` drops it. */
  resolveConflict = (choice: 'mine' | 'theirs'): void =>
    this.dispatch({ type: 'conflictResolved', choice });

  /** Unconfirmed edits from an earlier visit on this device, if any. */
  readLocalDraft = (): LocalDraft | null => this.copies.read();

  /** Drops the draft offered: once this page wrote a copy of its own, that one replaced it. */
  discardLocalDraft = (): void => {
    if (!this.copies.hasOwnCopy()) this.copies.clear();
  };

  /** Takes up edits kept on this device where they left off (their base and their keys). */
  resumeLocalDraft = (draft: LocalDraft): void =>
    this.dispatch({
      type: 'localCopyResumed',
      baseRevision: draft.baseRevision,
      baseNumber: draft.baseNumber,
      writerKeys: draft.writerKeys,
      newKey: newSaveKey(),
    });

  /**
   * Listens to the page (back online, hidden, going away, another tab's storage); returns what
   * stops listening, which also saves what is unsaved, as leaving the page does.
   */
  attach(): () => void {
    this.detached = false;
    const online = () => this.dispatch({ type: 'online' });
    const hidden = (unloading: boolean) => {
      this.dispatch({ type: 'hidden', unloading });
      this.copies.flush();
    };
    const visibility = () => {
      if (document.visibilityState === 'hidden') hidden(false);
    };
    const leave = () => hidden(true);
    const storage = (event: StorageEvent) => {
      if (event.key !== null && event.newValue === null) this.copies.removedElsewhere(event.key);
    };
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', visibility);
    window.addEventListener('pagehide', leave);
    window.addEventListener('storage', storage);
    return () => {
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', visibility);
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('storage', storage);
      // Moving to another page of the app: the edits are saved and copied as on leaving.
      hidden(false);
      this.detached = true;
      for (const timer of this.timers.values()) clearTimeout(timer);
      this.timers.clear();
    };
  }

  private dispatch(event: SaveEvent<HeadInfo, BriefDocument>): void {
    const step = transition(this.state, event, { now: Date.now(), random: Math.random });
    this.state = step.state;
    for (const effect of step.effects) this.run(effect);
    for (const listener of this.listeners) listener();
  }

  private run(effect: SaveEffect): void {
    switch (effect.type) {
      case 'arm':
        if (this.detached) return;
        clearTimeout(this.timers.get(effect.timer));
        this.timers.set(
          effect.timer,
          setTimeout(() => {
            this.timers.delete(effect.timer);
            this.dispatch({ type: 'timerFired', timer: effect.timer });
          }, effect.delayMs),
        );
        return;
      case 'disarm':
        clearTimeout(this.timers.get(effect.timer));
        this.timers.delete(effect.timer);
        return;
      case 'writeLocalCopy':
        this.copies.schedule({
          ...this.options.localCopy(),
          ...effect.fields,
          savedLocallyAt: new Date().toISOString(),
        });
        return;
      case 'clearLocalCopy':
        this.copies.clear();
        return;
      case 'saved':
        this.onSaved(effect.state);
        return;
      case 'send':
        if (this.detached) return;
        this.copies.flush();
        void this.send(effect);
        return;
      case 'beacon': {
        const { body } = this.request(effect.request);
        if (byteLength(body) < KEEPALIVE_MAX_BYTES) {
          void fetch(this.url, { ...this.post(body), keepalive: true }).catch(() => {});
        }
        return;
      }
    }
  }

  private get url() {
    return `/api/briefs/${this.options.briefId}/save`;
  }

  private post(body: string): RequestInit {
    return { method: 'POST', headers: { 'content-type': 'application/json' }, body };
  }

  /** The request's body: its fields, with the document's JSON text spliced in. */
  private request(fields: object): { body: string; document: string } {
    const document = this.options.documentJson();
    return { body: `${JSON.stringify(fields).slice(0, -1)},"document":${document}}`, document };
  }

  private async send(effect: Extract<SaveEffect, { type: 'send' }>): Promise<void> {
    let outcome: SaveOutcome<HeadInfo, BriefDocument>;
    try {
      const { body, document } = this.request(effect.request);
      const sent = () => JSON.parse(document) as BriefDocument;
      const keepalive = effect.keepalive && byteLength(body) < KEEPALIVE_MAX_BYTES;
      const response = await fetch(this.url, {
        ...this.post(body),
        keepalive,
        signal: AbortSignal.timeout(SAVE_TIMEOUT_MS),
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok && answer.head) {
        outcome = {
          type: 'saved',
          head: answer.head,
          state: answer.state,
          unchanged: answer.outcome === 'unchanged',
        };
      } else if (response.ok) {
        // Stored, maybe, but the answer was lost on the way: the next save will tell.
        outcome = { type: 'unreachable' };
      } else if (response.status === 409) {
        outcome = { type: 'conflict', head: answer.head, document: answer.document, mine: sent() };
      } else {
        outcome = {
          type: 'refused',
          status: response.status,
          error: answer.error,
          problems:
            response.status === 400 && answer.fieldErrors
              ? placeProblems(answer.fieldErrors, sent())
              : null,
        };
      }
    } catch {
      outcome = { type: 'unreachable' };
    }
    this.dispatch({
      type: 'answered',
      lineage: effect.lineage,
      kind: effect.request.kind,
      outcome,
    });
  }
}

/** The save queue of one brief editor, listening to the page while it is shown. */
export function useSaveQueue(options: SaveQueueOptions): SaveQueue {
  const [queue] = useState(() => new SaveQueue(options));
  useEffect(() => queue.attach(), [queue]);
  return queue;
}
