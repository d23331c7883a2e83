'use client';

import type { Editor } from '@tiptap/core';
import { type AnchorRange, findAnchor } from '@/lib/comments/anchor-ranges';
import type { ThreadView } from '@/lib/comments/schemas';
import {
  anchorAt,
  offsetAtPosition,
  partAnchorText,
  positionAtOffset,
} from '@/lib/content/anchor-text';
import { type RichTextPart, richTextParts } from '@/lib/content/extensions';
import type { RichNode } from '@/lib/content/numbering';
import { activateAnchor, addAnchor, commentAnchorsKey, placeAnchors } from './comment-anchors';

export interface CommentsSnapshot {
  threads: readonly ThreadView[];
  /** Threads whose text is not in the text shown (deleted, or detached before). */
  detachedIds: ReadonlySet<string>;
  activeId: string | null;
  /** Why the last request failed, for the panel to say. */
  error: string | null;
  loaded: boolean;
}

/** A thread's anchor fields (what syncAnchors compares with the editor's ranges). */
function anchorOf(thread: ThreadView) {
  const { part, start, end, quote, prefix, suffix, detached } = thread;
  return { part, start, end, quote, prefix, suffix, detached };
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json' } : undefined,
  });
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) {
    throw new Error(body.error ?? `The server answered ${response.status}. Try again.`);
  }
  return body;
}

/**
 * The comment threads of one brief beside one set of part editors (the brief editor's, or the
 * review screen's read-only ones). Reads and writes threads through the API, places each
 * thread's highlight in its part, and, where the text can change, sends the anchors as the
 * editors mapped them after each save.
 */
export class CommentsController {
  private snapshot: CommentsSnapshot = {
    threads: [],
    detachedIds: new Set(),
    activeId: null,
    error: null,
    loaded: false,
  };
  private readonly listeners = new Set<() => void>();
  private readonly editors: Partial<Record<RichTextPart, Editor>> = {};

  /** Called after a thread is started, answered, resolved or reopened (by this person). */
  onChanged: () => void = () => {};

  constructor(private readonly briefId: string) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private publish(next: Partial<CommentsSnapshot>) {
    this.snapshot = { ...this.snapshot, ...next };
    for (const listener of this.listeners) listener();
  }

  private get base() {
    return `/api/briefs/${this.briefId}/threads`;
  }

  /** A part's editor is ready: its threads are placed in it. */
  attach(part: RichTextPart, editor: Editor) {
    this.editors[part] = editor;
    if (this.snapshot.loaded) this.place(part);
  }

  async load() {
    try {
      const { threads } = await request<{ threads: ThreadView[] }>(this.base);
      this.publish({ threads, loaded: true, error: null });
      this.placeAll();
    } catch (error) {
      this.publish({ error: (error as Error).message, loaded: true });
    }
  }

  /**
   * Threads started and answered by others meanwhile, asked for every `intervalMs` while the
   * page is visible: a new thread is placed by itself (the others stay where edits moved them),
   * a known one takes the server's replies and resolution. Returns the stop function.
   */
  follow(intervalMs: number): () => void {
    const refresh = async () => {
      if (document.visibilityState !== 'visible' || !this.snapshot.loaded) return;
      try {
        const { threads } = await request<{ threads: ThreadView[] }>(this.base);
        const known = new Map(this.snapshot.threads.map((thread) => [thread.id, thread]));
        const fresh = threads.filter((thread) => !known.has(thread.id));
        this.publish({
          threads: threads.map((thread) => {
            const mine = known.get(thread.id);
            // Where this editor has the thread's text is newer than what the server was sent.
            return mine ? { ...thread, ...anchorOf(mine) } : thread;
          }),
        });
        for (const thread of fresh) this.placeOne(thread);
      } catch {
        // Offline or refused: the next turn asks again.
      }
    };
    const timer = setInterval(() => void refresh(), intervalMs);
    return () => clearInterval(timer);
  }

  /** Places one thread found in its part's text, leaving the others' ranges alone. */
  private placeOne(thread: ThreadView) {
    const editor = this.editors[thread.part];
    if (!editor) return;
    const text = partAnchorText(editor.state.doc.toJSON() as RichNode);
    const found = findAnchor(text.text, thread);
    if (!found) {
      this.publish({ detachedIds: new Set(this.snapshot.detachedIds).add(thread.id) });
      return;
    }
    editor.view.dispatch(
      addAnchor(editor.state.tr, thread.id, {
        from: positionAtOffset(text, found.start),
        to: positionAtOffset(text, found.end),
      }),
    );
  }

  /** Places every thread again: after a whole document was put into the editors. */
  placeAll() {
    for (const part of richTextParts) this.place(part);
  }

  /** Finds each thread's text in its part (as stored, or by its quote) and highlights it. */
  private place(part: RichTextPart) {
    const editor = this.editors[part];
    if (!editor) return;
    const threads = this.snapshot.threads.filter((thread) => thread.part === part);
    // A part without threads costs nothing (its text is not read).
    if (threads.length === 0 && !commentAnchorsKey.getState(editor.state)?.ranges.size) return;
    const text = partAnchorText(editor.state.doc.toJSON() as RichNode);
    const ranges = new Map<string, AnchorRange>();
    const detached = new Set(this.snapshot.detachedIds);
    for (const thread of threads) {
      // A detached thread is looked for by its quote too: its text may be back (a restore).
      const found = findAnchor(text.text, thread);
      if (found) {
        ranges.set(thread.id, {
          from: positionAtOffset(text, found.start),
          to: positionAtOffset(text, found.end),
        });
        detached.delete(thread.id);
      } else detached.add(thread.id);
    }
    editor.view.dispatch(placeAnchors(editor.state.tr, ranges));
    this.publish({ detachedIds: detached });
  }

  /** The selection of a part as a new thread's anchor, or null when nothing is selected. */
  anchorOfSelection(part: RichTextPart) {
    const editor = this.editors[part];
    if (!editor || editor.state.selection.empty) return null;
    const text = partAnchorText(editor.state.doc.toJSON() as RichNode);
    let start = offsetAtPosition(text, editor.state.selection.from);
    let end = offsetAtPosition(text, editor.state.selection.to);
    // The line breaks between blocks at its edges are not what is commented on.
    while (start < end && /\s/.test(text.text[start]!)) start++;
    while (end > start && /\s/.test(text.text[end - 1]!)) end--;
    if (start === end) return null;
    return { part, ...anchorAt(text.text, start, end) };
  }

  async start(
    anchor: NonNullable<ReturnType<CommentsController['anchorOfSelection']>>,
    body: string,
  ) {
    const { thread } = await request<{ thread: ThreadView }>(this.base, {
      method: 'POST',
      body: JSON.stringify({ anchor, body }),
    });
    this.publish({ threads: [...this.snapshot.threads, thread], error: null });
    // Only the new thread is placed: the others stay where the edits moved them.
    this.placeOne(thread);
    this.activate(thread.id);
    this.onChanged();
    return thread;
  }

  async reply(threadId: string, body: string, resolve?: boolean) {
    const { thread } = await request<{ thread: ThreadView }>(`${this.base}/${threadId}/replies`, {
      method: 'POST',
      body: JSON.stringify(resolve === undefined ? { body } : { body, resolve }),
    });
    this.replace(thread);
  }

  async setResolved(threadId: string, resolved: boolean) {
    const { thread } = await request<{ thread: ThreadView }>(
      `${this.base}/${threadId}/resolution`,
      { method: 'POST', body: JSON.stringify({ resolved }) },
    );
    this.replace(thread);
  }

  private replace(thread: ThreadView) {
    this.publish({
      threads: this.snapshot.threads.map((t) => (t.id === thread.id ? thread : t)),
      error: null,
    });
    this.onChanged();
  }

  /** Opens a thread: its text highlighted as the current one, scrolled into view. */
  activate(threadId: string | null, scroll = false) {
    this.publish({ activeId: threadId });
    for (const part of richTextParts) {
      const editor = this.editors[part];
      if (!editor) continue;
      editor.view.dispatch(activateAnchor(editor.state.tr, threadId));
      const range = threadId && commentAnchorsKey.getState(editor.state)?.ranges.get(threadId);
      if (scroll && range) {
        editor.view.domAtPos(range.from).node.parentElement?.scrollIntoView({ block: 'center' });
      }
    }
  }

  /**
   * After a save: the anchors the editors mapped through the edits, sent where they differ from
   * what the server has (a thread whose text is all deleted is sent as detached, with its quote).
   */
  async syncAnchors() {
    if (this.snapshot.threads.length === 0) return;
    const updates = [];
    const detached = new Set(this.snapshot.detachedIds);
    for (const part of richTextParts) {
      const editor = this.editors[part];
      const anchors = editor && commentAnchorsKey.getState(editor.state);
      if (!editor || !anchors || (anchors.ranges.size === 0 && anchors.lost.size === 0)) continue;
      const text = partAnchorText(editor.state.doc.toJSON() as RichNode);
      for (const thread of this.snapshot.threads) {
        if (thread.part !== part) continue;
        let range = anchors.ranges.get(thread.id);
        if (!range && anchors.lost.has(thread.id) && !thread.detached) {
          // Its text was deleted, but may be back (undo, paste): found again by its quote.
          const found = findAnchor(text.text, thread);
          if (found) {
            range = {
              from: positionAtOffset(text, found.start),
              to: positionAtOffset(text, found.end),
            };
            editor.view.dispatch(addAnchor(editor.state.tr, thread.id, range));
            detached.delete(thread.id);
          }
        }
        if (range) {
          const now = anchorAt(
            text.text,
            offsetAtPosition(text, range.from),
            offsetAtPosition(text, range.to),
          );
          if (
            now.quote &&
            (thread.detached ||
              now.start !== thread.start ||
              now.end !== thread.end ||
              now.quote !== thread.quote)
          ) {
            updates.push({ threadId: thread.id, part, ...now });
          }
        } else if (anchors.lost.has(thread.id) && !thread.detached) {
          const { id, part: where, start, end, quote, prefix, suffix } = thread;
          updates.push({
            threadId: id,
            part: where,
            start,
            end,
            quote,
            prefix,
            suffix,
            detached: true,
          });
          detached.add(thread.id);
        }
      }
    }
    if (updates.length === 0) return;
    try {
      await request(`${this.base}/anchors`, {
        method: 'POST',
        body: JSON.stringify({ anchors: updates }),
      });
      const byId = new Map(updates.map((u) => [u.threadId, u]));
      this.publish({
        detachedIds: detached,
        threads: this.snapshot.threads.map((thread) => {
          const update = byId.get(thread.id);
          if (!update) return thread;
          const { threadId: _, ...anchor } = update;
          return { ...thread, ...anchor, detached: anchor.detached ?? false };
        }),
      });
    } catch {
      // Kept for the next save: the anchors are still in the editors.
    }
  }
}
