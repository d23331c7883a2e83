/**
 * Accepting and rejecting suggested changes: the library's commands, run until what they were
 * asked to settle is gone. One pass can leave a piece behind: rejecting an insertion between two
 * spaces also removes one space, and when that space began the next inserted piece the library
 * then skips that piece (found by the property tests of suggestions.test.ts). A second pass
 * settles it.
 *
 * The library is passed in: it is published as ES modules only, which the browser bundle
 * imports, and the server loads with `import()` (lib is also loaded through `require`, by the
 * scripts and the worker).
 */
import type { Node } from '@tiptap/pm/model';
import type { Command, EditorState, Transaction } from '@tiptap/pm/state';
import { isSuggestionMarkName } from './suggestion-ids';

export type SuggestChangesLibrary = typeof import('@handlewithcare/prosemirror-suggest-changes');

const MAX_PASSES = 10;

/** Whether `doc` holds a suggestion mark (with this id, when given). */
export function holdsSuggestion(doc: Node, id?: string): boolean {
  let found = false;
  doc.descendants((node) => {
    if (found) return false;
    found = node.marks.some(
      (mark) => isSuggestionMarkName(mark.type.name) && (id === undefined || mark.attrs.id === id),
    );
    return !found;
  });
  return found;
}

/** Accept and reject, all or one, as commands. */
export function suggestionCommands(library: SuggestChangesLibrary) {
  const untilSettled =
    (command: Command, id?: string): Command =>
    (state, dispatch) => {
      if (!holdsSuggestion(state.doc, id)) return false;
      const combined = state.tr;
      let current: EditorState = state;
      for (let pass = 0; pass < MAX_PASSES && holdsSuggestion(current.doc, id); pass++) {
        let step: Transaction | undefined;
        command(current, (tr) => {
          step = tr;
        });
        if (!step?.docChanged) break;
        for (const each of step.steps) combined.step(each);
        current = current.apply(step);
      }
      // Settling is not an edit to track: it must not become a suggestion itself.
      combined.setMeta(library.suggestChangesKey, { skip: true });
      dispatch?.(combined);
      return true;
    };
  return {
    acceptAll: untilSettled(library.applySuggestions),
    rejectAll: untilSettled(library.revertSuggestions),
    accept: (id: string) => untilSettled(library.applySuggestion(id), id),
    reject: (id: string) => untilSettled(library.revertSuggestion(id), id),
  };
}
