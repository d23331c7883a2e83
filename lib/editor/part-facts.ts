import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { RichTextPart } from '@/lib/content/extensions';
import type { CitationRef } from '@/lib/content/numbering';
import type { ParagraphFacts } from '@/lib/content/plain-text';
import { isSuggestionMarkName } from '@/lib/content/suggestion-ids';

/**
 * What the rest of the editor needs to know of one rich-text part: its citations in document
 * order (numbering, source usage, checks) and its paragraphs (checks).
 */
export interface PartFacts {
  readonly citations: readonly CitationRef[];
  readonly paragraphs: readonly ParagraphFacts[];
  /** Nodes marked as a suggested change (inserted, deleted or modified), pending. */
  readonly suggestedNodes: number;
}

const noFacts: PartFacts = { citations: [], paragraphs: [], suggestedNodes: 0 };

function suggestedIn(node: PmNode): number {
  return node.marks.some((mark) => isSuggestionMarkName(mark.type.name)) ? 1 : 0;
}

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
  let suggestedNodes = suggestedIn(node);
  node.forEach((child) => {
    suggestedNodes += suggestedIn(child);
    if (child.isText) text += child.text ?? '';
    else if (child.type.name === 'citation') citations.push(citationOf(child, part));
  });
  if (node.type.name !== 'paragraph')
    return citations.length || suggestedNodes
      ? { citations, paragraphs: [], suggestedNodes }
      : noFacts;
  const trimmed = text.trim();
  const cites = citations.length > 0;
  if (!trimmed && !cites && !suggestedNodes) return noFacts;
  return {
    citations,
    paragraphs:
      trimmed || cites
        ? [{ text: trimmed, cites, exempt: node.attrs.noCitationNeeded === true }]
        : [],
    suggestedNodes,
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
        ? { citations: [citationOf(node, part)], paragraphs: [], suggestedNodes: suggestedIn(node) }
        : noFacts;
  else {
    const citations: CitationRef[] = [];
    const paragraphs: ParagraphFacts[] = [];
    let suggestedNodes = suggestedIn(node);
    node.forEach((child) => {
      const childFacts = nodeFacts(child, part);
      for (const citation of childFacts.citations) citations.push(citation);
      for (const paragraph of childFacts.paragraphs) paragraphs.push(paragraph);
      suggestedNodes += childFacts.suggestedNodes;
    });
    facts =
      citations.length || paragraphs.length || suggestedNodes
        ? { citations, paragraphs, suggestedNodes }
        : noFacts;
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

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

/**
 * The facts of one version of a part's document. The citations are known at once; the
 * paragraphs, which change with every keystroke but are read only by the checks after a pause
 * in typing, when first read.
 */
class DocumentFacts implements PartFacts {
  private paragraphList: readonly ParagraphFacts[] | undefined;

  constructor(
    readonly citations: readonly CitationRef[],
    private readonly doc: PmNode,
    private readonly part: RichTextPart,
  ) {}

  get paragraphs(): readonly ParagraphFacts[] {
    this.paragraphList ??= nodeFacts(this.doc, this.part).paragraphs;
    return this.paragraphList;
  }

  get suggestedNodes(): number {
    return nodeFacts(this.doc, this.part).suggestedNodes;
  }
}

/** Whether a change from `before` to `after` left every block's citations as they were. */
function sameCitationsByBlock(before: PmNode, after: PmNode, part: RichTextPart): boolean {
  if (before.childCount !== after.childCount) return false;
  for (let i = 0; i < after.childCount; i += 1) {
    const was = before.child(i);
    const is = after.child(i);
    // Shared blocks are the same by construction: only the changed ones are looked into.
    if (
      was !== is &&
      !sameList(nodeFacts(was, part).citations, nodeFacts(is, part).citations, sameCitation)
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The facts of a part's document. Given the previous document and its facts, keeps the very
 * same citation list when no citation changed (a keystroke in text looks only at the blocks it
 * replaced), so that whoever depends on the citations alone is not told about it.
 */
export function partFacts(
  doc: PmNode,
  part: RichTextPart,
  previous?: { doc: PmNode; facts: PartFacts },
): PartFacts {
  if (previous && previous.doc === doc) return previous.facts;
  if (previous && sameCitationsByBlock(previous.doc, doc, part)) {
    return new DocumentFacts(previous.facts.citations, doc, part);
  }
  const { citations } = nodeFacts(doc, part);
  const kept =
    previous && sameList(previous.facts.citations, citations, sameCitation)
      ? previous.facts.citations
      : citations;
  return new DocumentFacts(kept, doc, part);
}

export const partFactsKey = new PluginKey<PartFacts>('partFacts');

/**
 * Keeps a part's facts as ProseMirror plugin state, brought up to date by transactions that
 * change the document, and tells `onChange` whenever the document changed (once at the start
 * too): the citation list in the new facts is the previous one unless a citation changed.
 */
export function partFactsPlugin(
  part: RichTextPart,
  onChange: (part: RichTextPart, facts: PartFacts) => void,
): Plugin<PartFacts> {
  return new Plugin<PartFacts>({
    key: partFactsKey,
    state: {
      init: (_, state) => partFacts(state.doc, part),
      apply: (tr, facts, previous, state) =>
        tr.docChanged ? partFacts(state.doc, part, { doc: previous.doc, facts }) : facts,
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
