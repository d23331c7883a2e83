'use client';

import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { type AnchorRange, mapAnchorRange } from '@/lib/comments/anchor-ranges';

/** The threads of one part as the editor shows them: where their text is now, and which is open. */
export interface AnchorState {
  ranges: ReadonlyMap<string, AnchorRange>;
  /** Threads whose every character was deleted in this editor (they detach at the next save). */
  lost: ReadonlySet<string>;
  activeId: string | null;
  decorations: DecorationSet;
}

type AnchorMeta =
  | { kind: 'place'; ranges: ReadonlyMap<string, AnchorRange> }
  | { kind: 'add'; threadId: string; range: AnchorRange }
  | { kind: 'activate'; threadId: string | null };

export const commentAnchorsKey = new PluginKey<AnchorState>('commentAnchors');

function decorationsFor(
  doc: Parameters<typeof DecorationSet.create>[0],
  ranges: ReadonlyMap<string, AnchorRange>,
  activeId: string | null,
): DecorationSet {
  return DecorationSet.create(
    doc,
    [...ranges].map(([threadId, { from, to }]) =>
      Decoration.inline(
        from,
        to,
        {
          class: threadId === activeId ? 'comment-anchor active' : 'comment-anchor',
          'data-thread-id': threadId,
        },
        { threadId },
      ),
    ),
  );
}

/** Tells a part's editor where its threads are (positions in its document), or which is open. */
export function placeAnchors(tr: Transaction, ranges: ReadonlyMap<string, AnchorRange>) {
  return tr.setMeta(commentAnchorsKey, { kind: 'place', ranges } satisfies AnchorMeta);
}

/** Adds one thread's range, leaving the others as the edits moved them. */
export function addAnchor(tr: Transaction, threadId: string, range: AnchorRange) {
  return tr.setMeta(commentAnchorsKey, { kind: 'add', threadId, range } satisfies AnchorMeta);
}

export function activateAnchor(tr: Transaction, threadId: string | null) {
  return tr.setMeta(commentAnchorsKey, { kind: 'activate', threadId } satisfies AnchorMeta);
}

/**
 * Highlights the text of comment threads and follows it through every edit (lib/comments/
 * anchor-ranges): typing, pasting, undo, a suggestion, another person's text put in after a
 * conflict. A click on highlighted text opens its thread.
 */
export function commentAnchorsExtension(onActivate: (threadId: string) => void) {
  return Extension.create({
    name: 'commentAnchors',
    addProseMirrorPlugins() {
      return [
        new Plugin<AnchorState>({
          key: commentAnchorsKey,
          state: {
            init: () => ({
              ranges: new Map(),
              lost: new Set(),
              activeId: null,
              decorations: DecorationSet.empty,
            }),
            apply(tr, value) {
              const meta = tr.getMeta(commentAnchorsKey) as AnchorMeta | undefined;
              if (meta?.kind === 'place') {
                return {
                  ranges: meta.ranges,
                  lost: new Set(),
                  activeId: value.activeId,
                  decorations: decorationsFor(tr.doc, meta.ranges, value.activeId),
                };
              }
              if (meta?.kind === 'add') {
                const ranges = new Map(value.ranges).set(meta.threadId, meta.range);
                const lost = new Set(value.lost);
                lost.delete(meta.threadId);
                return {
                  ranges,
                  lost,
                  activeId: value.activeId,
                  decorations: decorationsFor(tr.doc, ranges, value.activeId),
                };
              }
              if (meta?.kind === 'activate') {
                return {
                  ...value,
                  activeId: meta.threadId,
                  decorations: decorationsFor(tr.doc, value.ranges, meta.threadId),
                };
              }
              if (!tr.docChanged || value.ranges.size === 0) return value;
              const ranges = new Map<string, AnchorRange>();
              const lost = new Set(value.lost);
              let shrank = false;
              for (const [threadId, range] of value.ranges) {
                const mapped = mapAnchorRange(range, tr.mapping, tr.doc);
                if (mapped) ranges.set(threadId, mapped);
                else lost.add(threadId);
                shrank ||= !mapped || mapped.to - mapped.from < range.to - range.from;
              }
              return {
                ranges,
                lost,
                activeId: value.activeId,
                // Typing is mapped, not rebuilt (a keystroke costs what the decorations near it
                // cost); a deletion into a thread's text redraws them from the ranges.
                decorations: shrank
                  ? decorationsFor(tr.doc, ranges, value.activeId)
                  : value.decorations.map(tr.mapping, tr.doc),
              };
            },
          },
          props: {
            decorations: (state) => commentAnchorsKey.getState(state)?.decorations,
            handleClick: (view, pos) => {
              const anchors = commentAnchorsKey.getState(view.state);
              const found = anchors?.decorations.find(pos, pos)[0];
              if (found) onActivate((found.spec as { threadId: string }).threadId);
              return false;
            },
          },
        }),
      ];
    },
  });
}
