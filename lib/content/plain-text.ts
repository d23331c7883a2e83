import { citationMarker, type RichNode } from './numbering';

/**
 * A rich-text part as plain text: blocks separated by blank lines, citations as readers see
 * them (`[n]`, `[n, p. 12]`, or `[?]` when broken), list items prefixed with "- ".
 */
export function richTextToPlain(
  doc: RichNode | undefined,
  numbers: ReadonlyMap<string, number>,
): string {
  return plainText(doc, (node) =>
    citationMarker(
      numbers.get(String(node.attrs?.sourceId)),
      node.attrs?.locator as string | null | undefined,
    ),
  );
}

// Postgres refuses U+0000 in stored text (jsonb), so no stored text holds it: it marks where a
// citation stood, and any that came from elsewhere is dropped first.
const CITED = '\u0000';

/**
 * A rich-text part as plain text without its citations, for excerpts, meta descriptions and the
 * search text: "analysts say (see [8], [3])." reads "analysts say.", never "analysts say (see ,).".
 */
export function richTextWithoutCitations(doc: RichNode | undefined): string {
  return withoutCitationMarks(
    plainText(
      doc,
      () => CITED,
      (text) => text.replaceAll(CITED, ''),
    ),
  );
}

// Written as source text: the mark is `\u0000` there, never the character itself. Spaces are
// counted up to 8, so that no run of them, however long, makes a search quadratic.
const lead = String.raw`(?:(?:see(?:\s{1,8}also)?|cf\.?|e\.\s?g\.,?|compare)\s{0,8})?`;
const tidyings: readonly [RegExp, string][] = (
  [
    // Adjacent marks, "[1], [2]; [3]", are one.
    [String.raw`\u0000(?:[ \t,;]{0,8}(?:and[ \t]{1,8})?\u0000)+`, CITED],
    // "(see [1])", "([1])", "[[1]]": the whole parenthesis, with the space before it.
    [String.raw`[ \t]{0,8}[(\[]\s{0,8}${lead}\u0000\s{0,8}[,;.]?\s{0,8}[)\]]`, ''],
    // "(see [1], p1_s8)": the mark and the separator after it.
    [String.raw`([(\[]\s{0,8}${lead})\u0000\s{0,8}[,;]\s{0,8}`, '$1'],
    // "(p1_s8, [1])": the separator before it and the mark.
    [String.raw`\s{0,8}[,;]\s{0,8}\u0000(?=\s{0,8}[)\]])`, ''],
    // A mark opening a line, and every other one with the space before it.
    [String.raw`(^|\n)[ \t]{0,8}\u0000[ \t]{0,8}`, '$1'],
    [String.raw`[ \t]{0,8}\u0000`, ''],
  ] satisfies [string, string][]
).map(([source, replacement]) => [new RegExp(source, 'gi'), replacement]);

/**
 * Removes the citation marks (U+0000) of a plain text with what only served them: the commas and
 * spaces between adjacent ones, a parenthesis or bracket holding nothing else (with a leading
 * "see", "see also", "cf." or "e.g."), a separator left dangling beside other text in a
 * parenthesis. Text away from a mark is never touched. Pure.
 */
export function withoutCitationMarks(text: string): string {
  if (!text.includes(CITED)) return text;
  return tidyings.reduce(
    (tidied, [found, replacement]) => tidied.replace(found, replacement),
    text,
  );
}

function plainText(
  doc: RichNode | undefined,
  citationText: (node: RichNode) => string,
  textOf: (text: string) => string = (text) => text,
): string {
  if (!doc) return '';
  const blocks: string[] = [];
  const inline = (node: RichNode): string => {
    if (node.type === 'text') return textOf(node.text ?? '');
    if (node.type === 'hardBreak') return '\n';
    if (node.type === 'citation') return citationText(node);
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
  const text = [document.summary, document.body, document.limitations]
    .map((part) => richTextWithoutCitations(part))
    .join('\n\n');
  return { title: document.question, text };
}
