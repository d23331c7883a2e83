/**
 * The tracked-change marks of @handlewithcare/prosemirror-suggest-changes as TipTap marks, so
 * that they belong to the one extension list (validation, rendering and the editor agree). A
 * suggestion is content marked `insertion` or `deletion` (or a node whose attributes changed,
 * marked `modification`), with an `id` that names its author: `<user id>:<random>`.
 *
 * The specs are the library's (schema.js of 0.1.8), written out here: the library is published
 * as ES modules only, and the schema is also loaded where modules are required (the importer's
 * worker thread). Its commands find these marks by name.
 */

import { Mark } from '@tiptap/core';
import type { MarkSpec, Mark as PmMark } from '@tiptap/pm/model';
import { type SuggestionMarkName, suggestionMarkNames } from './suggestion-ids';

/** Where block-level suggestions may sit: on the blocks of these containers. */
export const SUGGESTION_BLOCK_MARKS = suggestionMarkNames.join(' ');

const byId = (tag: string) => ({
  tag,
  getAttrs: (node: HTMLElement) => (node.dataset.id ? { id: JSON.parse(node.dataset.id) } : false),
});

const trackedTextSpec = (tag: 'ins' | 'del', excludes: string): MarkSpec => ({
  inclusive: false,
  excludes,
  attrs: { id: {} },
  toDOM: (mark: PmMark, inline: boolean) => [
    tag,
    {
      'data-id': JSON.stringify(mark.attrs.id),
      'data-inline': String(inline),
      ...(!inline && { style: 'display: block' }),
    },
    0,
  ],
  parseDOM: [byId(tag)],
});

const insertion = trackedTextSpec('ins', 'deletion modification insertion');
const deletion = trackedTextSpec('del', 'insertion modification deletion');
const modification: MarkSpec = {
  inclusive: false,
  excludes: 'deletion insertion',
  attrs: {
    id: {},
    type: {},
    attrName: { default: null },
    previousValue: { default: null },
    newValue: { default: null },
  },
  toDOM: (mark: PmMark, inline: boolean) => [
    inline ? 'span' : 'div',
    {
      'data-type': 'modification',
      'data-id': JSON.stringify(mark.attrs.id),
      'data-mod-type': mark.attrs.type,
      'data-mod-prev-val': JSON.stringify(mark.attrs.previousValue),
      'data-mod-new-val': JSON.stringify(mark.attrs.newValue),
    },
    0,
  ],
  parseDOM: [
    {
      tag: "span[data-type='modification']",
      getAttrs: (node: HTMLElement) =>
        node.dataset.id
          ? {
              id: JSON.parse(node.dataset.id),
              type: node.dataset.modType,
              previousValue: node.dataset.modPrevVal,
              newValue: node.dataset.modNewVal,
            }
          : false,
    },
  ],
};

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
