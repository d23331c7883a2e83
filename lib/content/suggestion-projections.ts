/**
 * A brief with its pending suggestions all rejected (the text as it stands: what is hashed for
 * the workflow, rendered for readers and previewed) or all accepted, on a headless ProseMirror
 * state with the same commands as the editor's `Reject all` and `Accept all`.
 */
import { Node } from '@tiptap/pm/model';
import { type Command, EditorState } from '@tiptap/pm/state';
import type { BriefDocument } from './document';
import { schemaFor } from './extensions';
import type { RichNode } from './numbering';
import { richTextParts } from './parts';
import { acceptAllSuggestions, rejectAllSuggestions } from './suggestion-commands';
import { hasSuggestions } from './suggestions';

function project(document: BriefDocument, command: Command): BriefDocument {
  if (!hasSuggestions(document)) return document;
  const projected = { ...document };
  for (const part of richTextParts) {
    const state = EditorState.create({ doc: Node.fromJSON(schemaFor[part], document[part]) });
    let next = state;
    command(state, (tr) => {
      next = state.apply(tr);
    });
    projected[part] = next.doc.toJSON() as RichNode;
  }
  return projected;
}

/** The document as if every pending suggestion were rejected: its text as it stands. */
export function withoutSuggestions(document: BriefDocument): BriefDocument {
  return project(document, rejectAllSuggestions);
}

/** The document as if every pending suggestion were accepted. */
export function withSuggestionsAccepted(document: BriefDocument): BriefDocument {
  return project(document, acceptAllSuggestions);
}
