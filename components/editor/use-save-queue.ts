'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { HeadInfo } from '@/lib/briefs/mutations';
import type { BriefDocument } from '@/lib/content/document';
import {
  emptyProblemPlaces,
  hasProblems,
  type ProblemPlaces,
  placeProblems,
} from '@/lib/content/problem-places';
import {
  AUTOSAVE_TIMING,
  delayUntilDue,
  keptSaveKeys,
  LOCAL_COPY_TIMING,
  type PendingEdits,
  withEdit,
} from '@/lib/editor/save-timing';
import { clearLocalDraft, type LocalDraft, writeLocalDraft } from './local-draft';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'error';

export const saveStatusText: Record<SaveStatus, string> = {
  saved: 'Saved',
  dirty: 'Unsaved changes',
  saving: 'Saving…',
  offline: 'Offline — changes kept on this device',
  conflict: 'Conflict',
  error: 'Not saved',
};

export interface Conflict {
  head: HeadInfo;
  document: BriefDocument;
  mine: BriefDocument;
}

const RETRY_DELAY_MS = 10_000;

/** A random key (crypto.randomUUID exists only on https and localhost). */
function newSaveKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Saving, as the editor sees it: autosave a couple of seconds after the last edit (and at
 * least every 10 s while typing continues), explicit
 * saves, one request in flight per brief (the next one waits), a local copy of everything the
 * server has not confirmed, and the conflict, offline and error states.
 */
export function useSaveQueue(options: {
  briefId: string;
  initialHead: HeadInfo;
  getDocument: () => BriefDocument;
  /** Told the brief's workflow state after every accepted save. */
  onSaved?: (state: string) => void;
}) {
  const { briefId, getDocument, onSaved } = options;
  const [status, setStatusState] = useState<SaveStatus>('saved');
  const statusRef = useRef<SaveStatus>('saved');
  // Typing calls this on every keystroke: re-render only when the status really changes.
  const setStatus = useCallback((next: SaveStatus) => {
    if (statusRef.current === next) return;
    statusRef.current = next;
    setStatusState(next);
  }, []);
  const [head, setHead] = useState<HeadInfo>(options.initialHead);
  const [message, setMessage] = useState('');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  // What the server refused in the last save, placed next to the fields it is about.
  const [problems, setProblems] = useState<ProblemPlaces>(emptyProblemPlaces);

  const headRef = useRef(head);
  // The version this editor's text started from. It is the head, except after "keep mine": then
  // the save names it too, so that whoever wrote it stays counted (two-person rule).
  const textBase = useRef(head.number);
  const editSeq = useRef(0);
  const savedSeq = useRef(0);
  const inFlight = useRef(false);
  const queuedKind = useRef<'autosave' | 'save' | null>(null);
  const conflictRef = useRef(false);
  const autosaveTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const localTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Edits not yet sent to the server / not yet in the local copy (see lib/editor/save-timing).
  const unsentEdits = useRef<PendingEdits | null>(null);
  const uncopiedEdits = useRef<PendingEdits | null>(null);
  // Idempotent saves: the server remembers the revision this editor's key last left the brief
  // at, so a save whose answer was lost is known to the next one. A text restored from this
  // device also names the keys it was written under.
  const writerKey = useRef('');
  const earlierKeys = useRef<string[]>([]);
  // Moves when a restored copy replaces the text: answers to saves sent before it are stale.
  const lineage = useRef(0);

  /** The body of a save request of this text. */
  const saveRequest = useCallback((kind: 'autosave' | 'save', document: BriefDocument) => {
    writerKey.current ||= newSaveKey();
    return JSON.stringify({
      baseRevision: headRef.current.revision,
      baseNumber: textBase.current,
      kind,
      document,
      saveKey: writerKey.current,
      earlierKeys: earlierKeys.current,
    });
  }, []);

  const keepLocalCopy = useCallback(() => {
    clearTimeout(localTimer.current);
    uncopiedEdits.current = null;
    writerKey.current ||= newSaveKey();
    writeLocalDraft(briefId, {
      document: getDocument(),
      baseRevision: headRef.current.revision,
      baseNumber: textBase.current,
      writerKeys: [writerKey.current, ...earlierKeys.current],
      savedLocallyAt: new Date().toISOString(),
    });
  }, [briefId, getDocument]);

  const adoptHead = useCallback((next: HeadInfo) => {
    headRef.current = next;
    textBase.current = next.number;
    setHead(next);
  }, []);

  const save = useCallback(
    async (kind: 'autosave' | 'save') => {
      clearTimeout(autosaveTimer.current);
      autosaveTimer.current = undefined;
      if (conflictRef.current && kind === 'autosave') return;
      if (inFlight.current) {
        queuedKind.current = queuedKind.current === 'save' || kind === 'save' ? 'save' : 'autosave';
        return;
      }
      if (kind === 'autosave' && editSeq.current === savedSeq.current) return;
      inFlight.current = true;
      unsentEdits.current = null;
      const seq = editSeq.current;
      const document = getDocument();
      setStatus('saving');
      const sentInLineage = lineage.current;
      try {
        const response = await fetch(`/api/briefs/${briefId}/save`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: saveRequest(kind, document),
        });
        const body = await response.json().catch(() => ({}));
        // The text was replaced by a restored copy meanwhile: this answer is about another text.
        if (sentInLineage !== lineage.current) return;
        const placed =
          response.status === 400 && body.fieldErrors
            ? placeProblems(body.fieldErrors, document)
            : null;
        // Most answers have none: keep the same object then, so nothing re-renders for it.
        setProblems((current) => placed ?? (hasProblems(current) ? emptyProblemPlaces() : current));
        if (response.ok) {
          adoptHead(body.head as HeadInfo);
          savedSeq.current = seq;
          onSaved?.(body.state);
          setMessage(
            body.outcome === 'unchanged' && kind === 'save'
              ? `No changes since version ${body.head.number}.`
              : '',
          );
          if (editSeq.current === seq) {
            // The server has it all: a local copy still pending would only repeat it.
            clearTimeout(localTimer.current);
            uncopiedEdits.current = null;
            clearLocalDraft(briefId);
            setStatus('saved');
          } else {
            setStatus('dirty');
            keepLocalCopy();
          }
        } else if (response.status === 409) {
          conflictRef.current = true;
          setConflict({ head: body.head, document: body.document, mine: document });
          setStatus('conflict');
          keepLocalCopy();
        } else {
          keepLocalCopy();
          setStatus('error');
          setMessage(
            body.error ??
              `The server answered ${response.status}. Your changes are kept on this device.`,
          );
          if (response.status >= 500)
            autosaveTimer.current = setTimeout(() => save('autosave'), RETRY_DELAY_MS);
        }
      } catch {
        keepLocalCopy();
        setStatus('offline');
        setMessage('');
        autosaveTimer.current = setTimeout(() => save('autosave'), RETRY_DELAY_MS);
      } finally {
        inFlight.current = false;
        const next = queuedKind.current;
        queuedKind.current = null;
        if (next && !conflictRef.current) void save(next);
        else if (
          !conflictRef.current &&
          editSeq.current !== savedSeq.current &&
          !autosaveTimer.current
        ) {
          autosaveTimer.current = setTimeout(() => save('autosave'), AUTOSAVE_TIMING.quietMs);
        }
      }
    },
    [briefId, getDocument, adoptHead, keepLocalCopy, setStatus, onSaved, saveRequest],
  );

  /** Call after every edit: only re-arms two timers; the document is read when they fire. */
  const markDirty = useCallback(() => {
    editSeq.current += 1;
    const now = Date.now();
    unsentEdits.current = withEdit(unsentEdits.current, now);
    uncopiedEdits.current = withEdit(uncopiedEdits.current, now);
    if (!conflictRef.current && statusRef.current !== 'offline' && statusRef.current !== 'saving') {
      setStatus('dirty');
    }
    clearTimeout(localTimer.current);
    localTimer.current = setTimeout(
      keepLocalCopy,
      delayUntilDue(uncopiedEdits.current, LOCAL_COPY_TIMING, now),
    );
    clearTimeout(autosaveTimer.current);
    autosaveTimer.current = setTimeout(
      () => {
        autosaveTimer.current = undefined;
        void save('autosave');
      },
      delayUntilDue(unsentEdits.current, AUTOSAVE_TIMING, now),
    );
  }, [keepLocalCopy, save, setStatus]);

  /** Resolves a conflict: `mine` saves this editor's text on top of theirs; `theirs` drops it. */
  const resolveConflict = useCallback(
    (choice: 'mine' | 'theirs') => {
      const current = conflict;
      if (!current) return;
      conflictRef.current = false;
      setConflict(null);
      const mineFrom = textBase.current;
      adoptHead(current.head);
      if (choice === 'mine') {
        textBase.current = mineFrom;
        editSeq.current += 1;
        void save('save');
      } else {
        savedSeq.current = editSeq.current;
        clearLocalDraft(briefId);
        setStatus('saved');
      }
    },
    [conflict, adoptHead, save, briefId, setStatus],
  );

  useEffect(() => {
    const retry = () => {
      if (editSeq.current !== savedSeq.current && !conflictRef.current) void save('autosave');
    };
    // Leaving the page: keep a local copy, and try to save with a request that outlives the page.
    const leave = () => {
      if (editSeq.current === savedSeq.current || conflictRef.current) return;
      keepLocalCopy();
      const body = saveRequest('autosave', getDocument());
      if (body.length < 60_000) {
        void fetch(`/api/briefs/${briefId}/save`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          keepalive: true,
        }).catch(() => {});
      }
    };
    window.addEventListener('online', retry);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('online', retry);
      window.removeEventListener('pagehide', leave);
    };
  }, [briefId, getDocument, keepLocalCopy, save, saveRequest]);

  /** Takes up edits kept on this device where they left off (their base and their keys). */
  const resumeLocalDraft = useCallback(
    (draft: LocalDraft) => {
      lineage.current += 1;
      adoptHead({ ...headRef.current, revision: draft.baseRevision, number: draft.baseNumber });
      // This tab's earlier saves are not part of the restored text: a new key from here on.
      writerKey.current = newSaveKey();
      earlierKeys.current = keptSaveKeys(draft.writerKeys);
      markDirty();
    },
    [adoptHead, markDirty],
  );

  return {
    status,
    head,
    message,
    problems,
    conflict,
    save,
    markDirty,
    resolveConflict,
    resumeLocalDraft,
  };
}
