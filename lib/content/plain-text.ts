import { citationMarker, type RichNode } from './numbering';

/**
 * A rich-text part as plain text: blocks separated by blank lines, citations as readers see
 * them (`[n]`, `[n, p. 12]`, or `[?]` when broken), list items prefixed with "- ".
 */
export function richTextToPlain(
  doc: RichNode | undefined,
  numbers: ReadonlyMap<string, number>,
): string {
  if (!doc) return '';
  const blocks: string[] = [];
  const inline = (node: RichNode): string => {
    if (node.type === 'text') return node.text ?? '';
    if (node.type === 'hardBreak') return '\n';
    if (node.type === 'citation') {
      return citationMarker(
        numbers.get(String(node.attrs?.sourceId)),
        node.attrs?.locator as string | null | undefined,
      );
    }
    // Adjacent citations read "[1] [2] [5]".
    return (node.content ?? [])
      .map((child, index, siblings) =>
        child.type === 'citation' && siblings[index - 1]?.type === 'citation'
          ? ` ${inline(child)}`
          : inline(child),
      )
      .join('');
  };
  const block = (node: RichNode, prefix: string) => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      blocks.push(prefix + inline(node));
    } else if (node.type === 'listItem') {
      for (const child of node.content ?? []) block(child, `${prefix}- `);
    } else if (node.type === 'blockquote') {
      for (const child of node.content ?? []) block(child, `${prefix}> `);
    } else {
      for (const child of node.content ?? []) block(child, prefix);
    }
  };
  block(doc, '');
  return blocks.join('\n\n').trim();
}

/** A paragraph as the checks see it: its trimmed text, whether it cites and whether it is exempt. */
export interface ParagraphFacts {
  text: string;
  cites: boolean;
  exempt: boolean;
}

/** The paragraphs of a part (not headings) that hold text or a citation. */
export function paragraphsOf(doc: RichNode | undefined): ParagraphFacts[] {
  const found: ParagraphFacts[] = [];
  const visit = (node: RichNode) => {
    if (node.type === 'paragraph') {
      let text = '';
      let cites = false;
      const walk = (child: RichNode) => {
        if (child.type === 'text') text += child.text ?? '';
        if (child.type === 'citation') cites = true;
        for (const grandchild of child.content ?? []) walk(grandchild);
      };
      walk(node);
      if (text.trim() || cites) {
        found.push({ text: text.trim(), cites, exempt: node.attrs?.noCitationNeeded === true });
      }
      return;
    }
    for (const child of node.content ?? []) visit(child);
  };
  if (doc) visit(doc);
  return found;
}

/** What full-text search indexes: the question and the three parts, without citation markers. */
export function searchableText(document: {
  question: string;
  summary: RichNode;
  body: RichNode;
  limitations: RichNode;
}): { title: string; text: string } {
  const none = new Map<string, number>();
  const text = [document.summary, document.body, document.limitations]
    .map((part) => richTextToPlain(part, none).replace(/\[\?\]/g, ''))
    .join('\n\n');
  return { title: document.question, text };
}
