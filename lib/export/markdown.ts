import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { MarkdownSerializer, type MarkdownSerializerState } from 'prosemirror-markdown';
import type { BriefDocument, Source } from '@/lib/content/document';
import { type RichTextPart, schemaFor } from '@/lib/content/extensions';
import { numberedSources } from '@/lib/content/numbered-sources';
import { citationMarker } from '@/lib/content/numbering';
import {
  NO_CITATION_NEEDED_COMMENT,
  questionOfLine,
  readsAsUnwrittenStructure,
} from '@/lib/import/parse';
import { UNTITLED } from '@/lib/import/source-list';

type NodeSerializer = (
  state: MarkdownSerializerState,
  node: ProseMirrorNode,
  parent: ProseMirrorNode,
  index: number,
) => void;

/** A character as a numeric character reference, which Markdown reads back as that character. */
const encoded = (character: string) => `&#${character.codePointAt(0)};`;

/** A line with its character at `at` encoded. */
function encodedAt(line: string, at: number): string {
  const character = String.fromCodePoint(line.codePointAt(at)!);
  return `${line.slice(0, at)}${encoded(character)}${line.slice(at + character.length)}`;
}

const PUNCTUATION = /[\p{P}\p{S}]/u;

/** A character that is neither white space nor punctuation (CommonMark's "flanking" rules). */
const wordCharacter = (character: string | undefined) =>
  character !== undefined && !/\s/.test(character) && !PUNCTUATION.test(character);

/** Whether `node` has bold or italic that `other` has not: it opens or closes between them. */
function emphasisOnlyIn(node: ProseMirrorNode, other: ProseMirrorNode): boolean {
  return node.marks.some(
    (mark) =>
      (mark.type.name === 'bold' || mark.type.name === 'italic') && !mark.isInSet(other.marks),
  );
}

/** The character a node shows first or last: a citation's bracket, a text's character. */
function edgeCharacter(node: ProseMirrorNode, edge: 'first' | 'last'): string | undefined {
  if (node.type.name === 'citation') return edge === 'first' ? '[' : ']';
  const characters = Array.from(node.text ?? '');
  return edge === 'first' ? characters[0] : characters.at(-1);
}

/**
 * A pinpoint as written inside `[n, …]`: on one line, Markdown characters escaped, and a first
 * digit encoded so that "12" stays a pinpoint instead of reading as a second source number.
 */
function pinpoint(locator: string): string {
  const text = locator.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_[\]<>&!]/g, '\\$&');
  return /^\d/.test(text) ? `${encoded(text[0]!)}${text.slice(1)}` : text;
}

/**
 * The Markdown of one part. Citations are written as they are displayed (citationMarker): `[n]`,
 * `[n, p. 12]` with a pinpoint, `[?]` when broken, adjacent ones separated by a space.
 */
function serializerFor(numbers: ReadonlyMap<string, number>): MarkdownSerializer {
  const citation: NodeSerializer = (state, node, parent, index) => {
    // Adjacent citations are separated as they are displayed, unless bold or italic opens
    // between them: emphasis cannot begin with a space.
    const before = index > 0 ? parent.child(index - 1) : null;
    if (before?.type.name === 'citation' && !emphasisOnlyIn(node, before)) state.write(' ');
    const locator = String(node.attrs.locator ?? '').trim();
    state.write(
      citationMarker(numbers.get(String(node.attrs.sourceId)), locator && pinpoint(locator)),
    );
  };
  const nodes: Record<string, NodeSerializer> = {
    doc: (state, node) => state.renderContent(node),
    paragraph(state, node) {
      state.renderInline(node);
      if (node.attrs.noCitationNeeded) state.write(` ${NO_CITATION_NEEDED_COMMENT}`);
      state.closeBlock(node);
    },
    heading(state, node) {
      state.write(`${'#'.repeat(node.attrs.level)} `);
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    blockquote: (state, node) => state.wrapBlock('> ', null, node, () => state.renderContent(node)),
    bulletList: (state, node) => state.renderList(node, '  ', () => '- '),
    orderedList(state, node) {
      const start = Number(node.attrs.start ?? 1);
      const width = String(start + node.childCount - 1).length;
      state.renderList(
        node,
        ' '.repeat(width + 2),
        (i) => `${String(start + i).padStart(width)}. `,
      );
    },
    listItem: (state, node) => state.renderContent(node),
    hardBreak(state, node, parent, index) {
      for (let i = index + 1; i < parent.childCount; i += 1) {
        if (parent.child(i).type !== node.type) return state.write('\\\n');
      }
    },
    text(state, node, parent, index) {
      const before = index > 0 ? parent.child(index - 1) : null;
      const after = index + 1 < parent.childCount ? parent.child(index + 1) : null;
      const characters = Array.from(node.text ?? '');
      let head = '';
      let tail = '';
      // Right after a citation, digits would read as glued to its marker ("[1]3") and a "(" as
      // the start of a link's address ("[1](2019)").
      if (before?.type.name === 'citation' && /^[\d(]/.test(characters[0] ?? '')) {
        const first = characters.shift()!;
        head = first === '(' ? '\\(' : encoded(first);
      } else if (
        before &&
        emphasisOnlyIn(before, node) &&
        PUNCTUATION.test(edgeCharacter(before, 'last') ?? '') &&
        wordCharacter(characters[0])
      ) {
        // Bold or italic ending on punctuation does not close right before a letter (CommonMark):
        // "**Note.**Then" is written "**Note.**&#84;hen".
        head = encoded(characters.shift()!);
      }
      if (
        after &&
        emphasisOnlyIn(after, node) &&
        PUNCTUATION.test(edgeCharacter(after, 'first') ?? '') &&
        wordCharacter(characters.at(-1))
      ) {
        // Nor does it open on punctuation right after a letter: "word**(x)**" is written
        // "wor&#100;**(x)**".
        tail = encoded(characters.pop()!);
      }
      if (head) state.write(head);
      // After a hard break the text starts a line: "- …" or "1. …" must not become a list.
      const text = characters.join('');
      const afterBreak = before?.type.name === 'hardBreak';
      state.text(afterBreak ? state.esc(text, true) : text, !afterBreak);
      if (tail) state.write(tail);
    },
    citation,
  };
  return new MarkdownSerializer(nodes, {
    italic: { open: '*', close: '*', mixable: true, expelEnclosingWhitespace: true },
    bold: { open: '**', close: '**', mixable: true, expelEnclosingWhitespace: true },
    link: {
      open: '[',
      close: (_state, mark) => `](${String(mark.attrs.href).replace(/[()]/g, '\\$&')})`,
      mixable: true,
    },
  });
}

const serializeOptions = {
  tightLists: true,
  // `<` could open an autolink and `&` an entity: both stay literal text.
  escapeExtraCharacters: /[<&]/g,
};

function inlineText(text: string): string {
  return text.replace(/[\\`*_[\]<>&!]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
}

/**
 * A part's Markdown with the first character of each line that the importer would read as
 * structure the export never writes ("Limitations: …" in the body, "• …", "1) …", a table row)
 * encoded, after the line's heading marks and emphasis, so that it comes back as text.
 */
function asText(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      readsAsUnwrittenStructure(line)
        ? encodedAt(line, /^\s*(?:#{1,6}\s+)?(?:\*\*|__|\*|_)?/.exec(line)![0].length)
        : line,
    )
    .join('\n');
}

/**
 * The question as a level-1 heading; one that an import would shorten or refuse ("Fact check:
 * …", "Summary: …") has its first letter encoded.
 */
function questionHeading(question: string): string {
  const text = inlineText(question);
  const line = `# ${text}`;
  return questionOfLine(line) === question || !/^\p{L}/u.test(text)
    ? line
    : `# ${encodedAt(text, 0)}`;
}

function detail(label: string, value: string): string {
  if (!value) return '';
  const [first, ...more] = value.split('\n');
  return [`   - ${label}: ${first}`, ...more.map((line) => `     ${line}`)].join('\n');
}

function sourceEntry(number: number, source: Source): string {
  const title = source.title ? inlineText(source.title) : UNTITLED;
  // `<…>` around the address keeps parentheses in it (as in many Wikipedia addresses) intact.
  const head = !source.url
    ? title
    : source.title
      ? `[${title}](<${source.url}>)`
      : `<${source.url}>`;
  const lines = [
    // Without an address the title is not a link, so the publisher gets a line of its own.
    `${number}. ${head}${source.publisher && source.url ? ` — ${source.publisher.replace(/\s+/g, ' ')}` : ''}`,
    source.url ? '' : detail('Publisher', source.publisher),
    detail('Author', source.author),
    detail('Published', source.publishedAt),
    // Written when empty too: an import dates a source without one to the day of the import.
    source.accessedAt ? detail('Accessed', source.accessedAt) : '   - Accessed:',
    detail('Archive', source.archiveUrl),
    detail('Quote', source.quote),
    detail('Internal note', source.note),
    source.incomplete ? '   - Status: incomplete' : '',
  ];
  return lines.filter(Boolean).join('\n');
}

/**
 * A brief as Markdown: the question as `#`, the parts under their headings, citations as
 * `[n]`, related questions and a numbered "Sources" list with every field of each source.
 * Importing it again gives back the same text, citations and sources.
 */
export function briefToMarkdown(document: BriefDocument): string {
  const { numbers, cited, uncited } = numberedSources(document);
  const serializer = serializerFor(numbers);
  const part = (name: RichTextPart) =>
    asText(
      serializer.serialize(schemaFor[name].nodeFromJSON(document[name]), serializeOptions).trim(),
    );
  const body = part('body');
  const sources = [...cited, ...uncited]
    .map((source, index) => sourceEntry(index + 1, source))
    .join('\n');
  const limitations = part('limitations');
  const sections = [
    questionHeading(document.question),
    ['## Executive summary', part('summary')].filter(Boolean).join('\n\n'),
    // A rule ends the summary, so that a body opening with paragraphs stays the body.
    body ? `---\n\n${body}` : '',
    limitations ? `## Limitations\n\n${limitations}` : '',
    document.relatedQuestions.length
      ? `## Want to dive deeper?\n\n${document.relatedQuestions.map((q) => `- ${inlineText(q.text)}`).join('\n')}`
      : '',
    // Written without sources too, so that no line at the end of the body reads as a source.
    `## Sources${sources ? `\n\n${sources}` : ''}`,
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}
