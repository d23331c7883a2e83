/**
 * The rich-text parts of a brief, in reading order. Apart from the extension list (extensions.ts),
 * so that what only reads documents (numbering, the public renderer) does not load TipTap.
 */
export const richTextParts = ['summary', 'body', 'limitations'] as const;
export type RichTextPart = (typeof richTextParts)[number];

/** A part's name as the editor labels it (its accessible name) and messages name it. */
export const partLabels: Record<RichTextPart, string> = {
  summary: 'Executive summary',
  body: 'Body',
  limitations: 'Limitations',
};
