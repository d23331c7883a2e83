import { Extension, type Extensions, getSchema } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Document } from '@tiptap/extension-document';
import { BulletList, ListItem, OrderedList } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';
import { Citation } from './citation';
import { isAllowedLinkUrl } from './link-url';
import { type RichTextPart, richTextParts } from './parts';
import { SUGGESTION_BLOCK_MARKS, SuggestionMarks } from './suggestion-marks';

/** `noCitationNeeded` on a paragraph exempts it from the "every paragraph cites" check. */
const ParagraphCitationFlag = Extension.create({
  name: 'paragraphCitationFlag',
  addGlobalAttributes() {
    return [
      {
        types: ['paragraph'],
        attributes: {
          noCitationNeeded: {
            default: false,
            parseHTML: (element) => element.hasAttribute('data-no-citation-needed'),
            renderHTML: (attrs) =>
              attrs.noCitationNeeded ? { 'data-no-citation-needed': '' } : {},
          },
        },
      },
    ];
  },
});

const link = {
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: 'https',
  isAllowedUri: (url: string) => isAllowedLinkUrl(url),
  HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null, class: null },
};

const notInBriefs = {
  code: false,
  codeBlock: false,
  strike: false,
  underline: false,
  horizontalRule: false,
} as const;

/**
 * Suggested changes (lib/content/suggestion-marks) may mark whole blocks (a paragraph inserted,
 * a list item deleted): the containers of blocks allow those marks on what they hold.
 */
const SuggestionDocument = Document.extend({ marks: SUGGESTION_BLOCK_MARKS });
const withBlockSuggestions = {
  document: false,
  blockquote: false,
  bulletList: false,
  orderedList: false,
  listItem: false,
} as const;

/** The body: H2/H3 sections, paragraphs, lists, blockquotes, links, bold/italic, citations. */
export const bodyExtensions: Extensions = [
  StarterKit.configure({
    ...notInBriefs,
    ...withBlockSuggestions,
    heading: { levels: [2, 3] },
    link,
  }),
  SuggestionDocument,
  Blockquote.extend({ marks: SUGGESTION_BLOCK_MARKS }),
  BulletList.extend({ marks: SUGGESTION_BLOCK_MARKS }),
  OrderedList.extend({ marks: SUGGESTION_BLOCK_MARKS }),
  ListItem.extend({ marks: SUGGESTION_BLOCK_MARKS }),
  Citation,
  ParagraphCitationFlag,
  ...SuggestionMarks,
];

/** Executive summary and limitations: paragraphs with inline marks, links and citations. */
export const inlineExtensions: Extensions = [
  StarterKit.configure({
    ...notInBriefs,
    // No forced empty paragraph at the end of a summary: there is no block to escape from.
    trailingNode: false,
    heading: false,
    bulletList: false,
    orderedList: false,
    listItem: false,
    listKeymap: false,
    blockquote: false,
    document: false,
    link,
  }),
  SuggestionDocument,
  Citation,
  ParagraphCitationFlag,
  ...SuggestionMarks,
];

export { type RichTextPart, richTextParts };

export const extensionsFor: Record<RichTextPart, Extensions> = {
  summary: inlineExtensions,
  body: bodyExtensions,
  limitations: inlineExtensions,
};

export const bodySchema = getSchema(bodyExtensions);
export const inlineSchema = getSchema(inlineExtensions);

export const schemaFor = {
  summary: inlineSchema,
  body: bodySchema,
  limitations: inlineSchema,
} as const;

/**
 * The newsroom's own public pages (methodology, corrections policy): sections, paragraphs,
 * lists, quotes, links, bold and italic; no citations (they have no sources) and no suggestions.
 */
export const sitePageExtensions: Extensions = [
  StarterKit.configure({ ...notInBriefs, heading: { levels: [2, 3] }, link }),
];

export const sitePageSchema = getSchema(sitePageExtensions);
