/**
 * The tracked-change marks of @handlewithcare/prosemirror-suggest-changes as TipTap marks, so
 * that they belong to the one extension list (validation, rendering and the editor agree). A
 * suggestion is content marked `insertion` or `deletion` (or a node whose attributes changed,
 * marked `modification`), with an `id` that names its author: `<user id>:<random>`.
 */

import { deletion, insertion, modification } from '@handlewithcare/prosemirror-suggest-changes';
import { Mark } from '@tiptap/core';
import type { MarkSpec } from '@tiptap/pm/model';
import { type SuggestionMarkName, suggestionMarkNames } from './suggestion-ids';

/** Where block-level suggestions may sit: on the blocks of these containers. */
export const SUGGESTION_BLOCK_MARKS = suggestionMarkNames.join(' ');

function suggestionMark(name: SuggestionMarkName, spec: MarkSpec, attributes: string[]) {
  return Mark.create({
    name,
    inclusive: false,
    excludes: spec.excludes,
    addAttributes() {
      return Object.fromEntries(
        attributes.map((attribute) => [
          attribute,
          { default: spec.attrs?.[attribute]?.default ?? null, rendered: false },
        ]),
      );
    },
    // The library's own DOM: `inline` tells a block's mark from text's, which TipTap's
    // renderHTML does not pass on.
    extendMarkSchema(extension) {
      return extension.name === name ? { toDOM: spec.toDOM, parseDOM: spec.parseDOM } : {};
    },
  });
}

export const SuggestionMarks = [
  suggestionMark('insertion', insertion, ['id']),
  suggestionMark('deletion', deletion, ['id']),
  suggestionMark('modification', modification, [
    'id',
    'type',
    'attrName',
    'previousValue',
    'newValue',
  ]),
];
