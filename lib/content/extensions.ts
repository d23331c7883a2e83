import { Extension, type Extensions, getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Citation } from './citation';
import { isAllowedLinkUrl } from './link-url';
import { type RichTextPart, richTextParts } from './parts';

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

/** The body: H2/H3 sections, paragraphs, lists, blockquotes, links, bold/italic, citations. */
export const bodyExtensions: Extensions = [
  StarterKit.configure({ ...notInBriefs, heading: { levels: [2, 3] }, link }),
  Citation,
  ParagraphCitationFlag,
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
    link,
  }),
  Citation,
  ParagraphCitationFlag,
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
