import type { Node as PmNode } from '@tiptap/pm/model';
import type { BriefClaimReview, Source } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';
import { relatedFromText, storedClaimReview } from './brief-store';

/**
 * JSON text by node. Documents are persistent (a transaction shares every node it did not
 * change with the previous document), so serializing the text after an edit costs the changed
 * blocks and a join of the others' cached text, not the whole document.
 */
const jsonOf = new WeakMap<PmNode, string>();

/** `JSON.stringify(node.toJSON())`, from cached pieces. */
export function nodeJson(node: PmNode): string {
  const cached = jsonOf.get(node);
  if (cached !== undefined) return cached;
  let json: string;
  if (node.isTextblock || node.isLeaf || node.content.size === 0) {
    json = JSON.stringify(node.toJSON());
  } else {
    // The keys in toJSON's order: type, attrs (when there are any), content, marks.
    const head: { type: string; attrs?: PmNode['attrs'] } = { type: node.type.name };
    if (Object.keys(node.attrs).length > 0) head.attrs = node.attrs;
    const children: string[] = [];
    node.forEach((child) => {
      children.push(nodeJson(child));
    });
    const marks = node.marks.length
      ? `,"marks":${JSON.stringify(node.marks.map((mark) => mark.toJSON()))}`
      : '';
    json = `${JSON.stringify(head).slice(0, -1)},"content":[${children.join(',')}]${marks}}`;
  }
  jsonOf.set(node, json);
  return json;
}

/** A top-level block of a rich-text part as JSON text, with a hash of that text. */
export interface BlockText {
  json: string;
  hash: string;
}

/**
 * A string hash (cyrb53: two 32-bit lanes, 53 bits kept), enough to name a block's text among
 * the few thousand blocks a browser keeps.
 */
export function textHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const blockTextOf = new WeakMap<PmNode, BlockText>();

/** The top-level blocks of a document as text (only blocks changed since the last call are serialized). */
export function blockTexts(doc: PmNode): BlockText[] {
  const blocks: BlockText[] = [];
  doc.forEach((block) => {
    let text = blockTextOf.get(block);
    if (!text) {
      const json = nodeJson(block);
      text = { json, hash: textHash(json) };
      blockTextOf.set(block, text);
    }
    blocks.push(text);
  });
  return blocks;
}

/** The same for a document given as JSON (a part whose editor is not there yet). */
export function blockTextsOfJson(doc: RichNode): BlockText[] {
  return (doc.content ?? []).map((block) => {
    const json = JSON.stringify(block);
    return { json, hash: textHash(json) };
  });
}

/** A brief document as JSON text; each rich-text part is given as JSON text already. */
export function briefDocumentJson(input: {
  question: string;
  summary: string;
  body: string;
  limitations: string;
  relatedText: string;
  sources: Source[];
  claimReview?: BriefClaimReview;
}): string {
  // None is no key at all, as it is stored (see BriefDocument).
  const claimReview = input.claimReview ? storedClaimReview(input.claimReview) : null;
  return (
    `{"question":${JSON.stringify(input.question)},"summary":${input.summary},` +
    `"body":${input.body},"limitations":${input.limitations},` +
    `"relatedQuestions":${JSON.stringify(relatedFromText(input.relatedText))},` +
    `"sources":${JSON.stringify(input.sources)}` +
    `${claimReview ? `,"claimReview":${JSON.stringify(claimReview)}` : ''}}`
  );
}
