import { mergeAttributes, Node } from '@tiptap/core';

export interface CitationAttrs {
  citationId: string;
  sourceId: string;
  locator: string | null;
}

/**
 * An inline, atomic reference to one source. Its number is never stored: it is derived from the
 * order of first appearance (numbering.ts). In the browser the editor draws it with a plain-DOM
 * node view; this `renderHTML` serves the clipboard and server-side rendering.
 */
export const Citation = Node.create({
  name: 'citation',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      citationId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-citation-id'),
        renderHTML: (attrs) => ({ 'data-citation-id': attrs.citationId }),
      },
      sourceId: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-source-id'),
        renderHTML: (attrs) => ({ 'data-source-id': attrs.sourceId }),
      },
      locator: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-locator') || null,
        renderHTML: (attrs) => (attrs.locator ? { 'data-locator': attrs.locator } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-citation]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return [
      'span',
      mergeAttributes({ 'data-citation': '', class: 'citation' }, HTMLAttributes),
      '[?]',
    ];
  },

  renderText() {
    return '[?]';
  },
});
