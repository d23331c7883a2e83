import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { MarkdownSerializer, type MarkdownSerializerState } from 'prosemirror-markdown';
import type { BriefDocument, Source } from '@/lib/briefs/document';
import { numberedSources } from '@/lib/briefs/numbered-sources';
import { type RichTextPart, schemaFor } from '@/lib/editor/extensions';
import { NO_CITATION_NEEDED_COMMENT } from '@/lib/import/parse';
import { UNTITLED } from '@/lib/import/source-list';

type NodeSerializer = (
  state: MarkdownSerializerState,
  node: ProseMirrorNode,
  parent: ProseMirrorNode,
  index: number,
) => void;

/**
 * The Markdown of one part. Citations are written `[n]` (`[n, locator]` with a pinpoint; `[?]`
 * when broken), adjacent ones separated by a space as they are displayed.
 */
function serializerFor(numbers: ReadonlyMap<string, number>): MarkdownSerializer {
  const citation: NodeSerializer = (state, node, parent, index) => {
    if (index > 0 && parent.child(index - 1).type.name === 'citation') state.write(' ');
    const n = numbers.get(String(node.attrs.sourceId));
    const locator = node.attrs.locator
      ? `, ${String(node.attrs.locator).replace(/[\]\n]/g, ' ')}`
      : '';
    state.write(n ? `[${n}${locator}]` : '[?]');
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
      // After a hard break the text starts a line: "- …" or "1. …" must not become a list.
      const afterBreak = index > 0 && parent.child(index - 1).type.name === 'hardBreak';
      state.text(afterBreak ? state.esc(node.text ?? '', true) : (node.text ?? ''), !afterBreak);
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
    detail('Accessed', source.accessedAt),
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
    serializer.serialize(schemaFor[name].nodeFromJSON(document[name]), serializeOptions).trim();
  const body = part('body');
  const limitations = part('limitations');
  const sections = [
    `# ${inlineText(document.question)}`,
    ['## Executive summary', part('summary')].filter(Boolean).join('\n\n'),
    // A rule ends the summary, so that a body opening with paragraphs stays the body.
    body ? `---\n\n${body}` : '',
    limitations ? `## Limitations\n\n${limitations}` : '',
    document.relatedQuestions.length
      ? `## Want to dive deeper?\n\n${document.relatedQuestions.map((q) => `- ${inlineText(q.text)}`).join('\n')}`
      : '',
    document.sources.length
      ? `## Sources\n\n${[...cited, ...uncited].map((source, index) => sourceEntry(index + 1, source)).join('\n')}`
      : '',
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}
