import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { RichTextPart } from '@/lib/content/extensions';
import type { CitationRef } from '@/lib/content/numbering';
import type { ParagraphFacts } from '@/lib/content/plain-text';

/**
 * What the rest of the editor needs to know of one rich-text part: its citations in document
 * order (numbering, source usage, checks) and its paragraphs (checks).
 */
export interface PartFacts {
  citations: readonly CitationRef[];
  paragraphs: readonly ParagraphFacts[];
}

const noFacts: PartFacts = { citations: [], paragraphs: [] };

/**
 * Facts by node. ProseMirror documents are persistent: a transaction replaces only the nodes on
 * the path to what it changed and shares every other node with the previous document, so after
 * a keystroke only the typed-in paragraph and its ancestors miss this cache.
 */
const cacheOf: Record<RichTextPart, WeakMap<PmNode, PartFacts>> = {
  summary: new WeakMap(),
  body: new WeakMap(),
  limitations: new WeakMap(),
};

function citationOf(node: PmNode, part: RichTextPart): CitationRef {
  return {
    citationId: String(node.attrs.citationId ?? ''),
    sourceId: String(node.attrs.sourceId ?? ''),
    locator: (node.attrs.locator as string | null | undefined) ?? null,
    part,
  };
}

function textblockFacts(node: PmNode, part: RichTextPart): PartFacts {
  const citations: CitationRef[] = [];
  let text = '';
  node.forEach((child) => {
    if (child.isText) text += child.text ?? '';
    else if (child.type.name === 'citation') citations.push(citationOf(child, part));
  });
  if (node.type.name !== 'paragraph')
    return citations.length ? { citations, paragraphs: [] } : noFacts;
  const trimmed = text.trim();
  const cites = citations.length > 0;
  if (!trimmed && !cites) return noFacts;
  return {
    citations,
    paragraphs: [{ text: trimmed, cites, exempt: node.attrs.noCitationNeeded === true }],
  };
}

function nodeFacts(node: PmNode, part: RichTextPart): PartFacts {
  const cache = cacheOf[part];
  const cached = cache.get(node);
  if (cached) return cached;
  let facts: PartFacts;
  if (node.isTextblock) facts = textblockFacts(node, part);
  else if (node.isLeaf)
    facts =
      node.type.name === 'citation'
        ? { citations: [citationOf(node, part)], paragraphs: [] }
        : noFacts;
  else {
    const citations: CitationRef[] = [];
    const paragraphs: ParagraphFacts[] = [];
    node.forEach((child) => {
      const childFacts = nodeFacts(child, part);
      for (const citation of childFacts.citations) citations.push(citation);
      for (const paragraph of childFacts.paragraphs) paragraphs.push(paragraph);
    });
    facts = citations.length || paragraphs.length ? { citations, paragraphs } : noFacts;
  }
  cache.set(node, facts);
  return facts;
}

function sameCitation(a: CitationRef, b: CitationRef): boolean {
  return (
    a === b ||
    (a.citationId === b.citationId &&
      a.sourceId === b.sourceId &&
      a.locator === b.locator &&
      a.part === b.part)
  );
}

function sameParagraph(a: ParagraphFacts, b: ParagraphFacts): boolean {
  return a === b || (a.text === b.text && a.cites === b.cites && a.exempt === b.exempt);
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

/**
 * The facts of a part's document. Given the previous facts, returns the very same lists (and
 * the same object) for whatever did not change, so that whoever depends on the citations alone
 * is not told about a keystroke that only changed text.
 */
export function partFacts(doc: PmNode, part: RichTextPart, previous?: PartFacts): PartFacts {
  const next = nodeFacts(doc, part);
  if (!previous) return next;
  const citations = sameList(previous.citations, next.citations, sameCitation)
    ? previous.citations
    : next.citations;
  const paragraphs = sameList(previous.paragraphs, next.paragraphs, sameParagraph)
    ? previous.paragraphs
    : next.paragraphs;
  if (citations === previous.citations && paragraphs === previous.paragraphs) return previous;
  return { citations, paragraphs };
}

export const partFactsKey = new PluginKey<PartFacts>('partFacts');

/**
 * Keeps a part's facts as ProseMirror plugin state, brought up to date by transactions that
 * change the document, and tells `onChange` whenever they changed (once at the start too).
 */
export function partFactsPlugin(
  part: RichTextPart,
  onChange: (part: RichTextPart, facts: PartFacts) => void,
): Plugin<PartFacts> {
  return new Plugin<PartFacts>({
    key: partFactsKey,
    state: {
      init: (_, state) => partFacts(state.doc, part),
      apply: (tr, facts, _previous, state) =>
        tr.docChanged ? partFacts(state.doc, part, facts) : facts,
    },
    view: (view) => {
      onChange(part, partFactsKey.getState(view.state) ?? noFacts);
      return {
        update: (updated, previousState) => {
          const facts = partFactsKey.getState(updated.state);
          if (facts && facts !== partFactsKey.getState(previousState)) onChange(part, facts);
        },
      };
    },
  });
}
