/**
 * A brief with its pending suggestions all rejected (the text as it stands: what is hashed for
 * the workflow, exported and previewed) or all accepted, on a headless ProseMirror state with
 * the same commands as the editor's `Reject all` and `Accept all`.
 */
import { Node } from '@tiptap/pm/model';
import { type Command, EditorState } from '@tiptap/pm/state';
import type { BriefDocument } from './document';
import { schemaFor } from './extensions';
import type { RichNode } from './numbering';
import { richTextParts } from './parts';
import { suggestionCommands } from './suggestion-commands';
import { hasSuggestions } from './suggestions';

async function project(
  document: BriefDocument,
  which: 'acceptAll' | 'rejectAll',
): Promise<BriefDocument> {
  if (!hasSuggestions(document)) return document;
  // By import(): the library is ES modules only (see suggestion-commands).
  const command: Command = suggestionCommands(
    await import('@handlewithcare/prosemirror-suggest-changes'),
  )[which];
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
export function withoutSuggestions(document: BriefDocument): Promise<BriefDocument> {
  return project(document, 'rejectAll');
}

/** The document as if every pending suggestion were accepted. */
export function withSuggestionsAccepted(document: BriefDocument): Promise<BriefDocument> {
  return project(document, 'acceptAll');
}
