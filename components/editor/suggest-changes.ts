'use client';

import {
  disableSuggestChanges,
  enableSuggestChanges,
  isSuggestChangesEnabled,
  suggestChanges,
  suggestChangesKey,
  transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes';
import { type Editor, Extension } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import {
  AddNodeMarkStep,
  AttrStep,
  DocAttrStep,
  RemoveNodeMarkStep,
  ReplaceAroundStep,
} from '@tiptap/pm/transform';
import { newSuggestionId } from '@/lib/content/suggestion-ids';

/**
 * Steps that change a node's type, attributes or node marks (a heading, a list, a quote, "no
 * citation needed"): the library records them as `modification`s, whose rejection can leave
 * values no attribute may hold, so Suggesting mode leaves layout alone (the server refuses
 * them too). Text, citations and paragraph breaks are suggested as insertions and deletions.
 */
const layoutSteps = [ReplaceAroundStep, AttrStep, AddNodeMarkStep, RemoveNodeMarkStep, DocAttrStep];

export function changesLayout(transaction: Transaction): boolean {
  return transaction.steps.some((step) => layoutSteps.some((kind) => step instanceof kind));
}

/**
 * The `Suggesting` mode: while it is on, an edit becomes a suggested change in the author's
 * name (@handlewithcare/prosemirror-suggest-changes) instead of changing the text; a change of
 * layout is not made (`onRefused` says so). Undo and redo, accepting or rejecting, and putting
 * in a whole document are never tracked themselves.
 */
export function suggestChangesExtension(authorId: string, onRefused: () => void) {
  return Extension.create({
    name: 'suggestChangesMode',
    addProseMirrorPlugins: () => [suggestChanges()],
    dispatchTransaction({ transaction, next }) {
      const { state } = this.editor;
      const tracked =
        transaction.docChanged &&
        isSuggestChangesEnabled(state) &&
        !transaction.getMeta('history$') &&
        !('skip' in ((transaction.getMeta(suggestChangesKey) as object | undefined) ?? {}));
      if (tracked && changesLayout(transaction)) {
        onRefused();
        return;
      }
      next(
        tracked
          ? transformToSuggestionTransaction(transaction, state, () => newSuggestionId(authorId))
          : transaction,
      );
    },
  });
}

/** Whether the editor is in Suggesting mode. */
export const isSuggesting = (editor: Editor) => isSuggestChangesEnabled(editor.state);

/** Turns the Suggesting mode of one part's editor on or off. */
export function setSuggesting(editor: Editor, on: boolean) {
  if (isSuggestChangesEnabled(editor.state) === on) return;
  (on ? enableSuggestChanges : disableSuggestChanges)(editor.state, editor.view.dispatch);
}

/** Runs `change` on an editor with its Suggesting mode off (a whole document put in). */
export function untracked(editor: Editor, change: () => void) {
  const was = isSuggestChangesEnabled(editor.state);
  setSuggesting(editor, false);
  try {
    change();
  } finally {
    setSuggesting(editor, was);
  }
}
