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
import { newSuggestionId } from '@/lib/content/suggestion-ids';

/**
 * The `Suggesting` mode: while it is on, an edit becomes a suggested change in the author's
 * name (@handlewithcare/prosemirror-suggest-changes) instead of changing the text. Undo and
 * redo, accepting or rejecting, and putting in a whole document are never tracked themselves.
 */
export function suggestChangesExtension(authorId: string) {
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
      next(
        tracked
          ? transformToSuggestionTransaction(transaction, state, () => newSuggestionId(authorId))
          : transaction,
      );
    },
  });
}

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
