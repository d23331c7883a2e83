import MarkdownIt from 'markdown-it';
import { normalizeLinkUrl } from '@/lib/content/link-url';
import type { RichNode } from '@/lib/content/numbering';

type Mark = NonNullable<RichNode['marks']>[number];
export type Token = ReturnType<InstanceType<typeof MarkdownIt>['parseInline']>[number];

/** What the inline parser reports back: citation markers found and things it changed. */
export interface InlineContext {
  line: number;
  citation(number: number, locator: string | null): RichNode;
  note(severity: 'attention' | 'info', message: string): void;
}

// CommonMark inline syntax only: no raw HTML, no strikethrough, no typographic replacements.
const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
// Backslash escapes and entities stay separate `text_special` tokens, so that an escaped
// `\[3\]` stays literal text instead of becoming a citation.
markdown.core.ruler.disable('text_join');
// How deep the parser nests blocks before it skips the rest (an option its types leave out).
const { maxNesting: MAX_NESTING = 20 } = markdown.options as { maxNesting?: number };
// Every link reaches `inlineNodes`, which refuses bad addresses with a note instead of leaving
// the raw Markdown in the text.
markdown.validateLink = () => true;

/**
 * A citation marker: `[12]`, `[3, p. 12]` (a pinpoint) or `[1, 2]` (several sources). Digits
 * glued after it (`[12]3`) are leftovers of footnote links on the page the text was copied from.
 */
const MARKER = /\[(\d{1,4})((?:\s*,\s*\d{1,4})*)(?:\s*,\s*([^\]\n]{1,100}?))?\](\d*)/g;
// Internal ids some generators leave in their text, e.g. "p1_s8".
const LEFTOVER_ID = /\bp\d+_s\d+\b/g;
// Stands for an escaped character (`\*`, `&#49;`) where markers are looked for: it is neither a
// bracket, a digit nor a comma, so escaped characters may be in a pinpoint but never make a marker.
const ESCAPED = '\uFFFC';

/**
 * The citations the markers of a text stand for and the source numbers they name, counted in
 * one pass without parsing: markers that Markdown would keep literal (escaped, in code) count too.
 */
export function countCitationMarkers(text: string): { citations: number; sources: number } {
  let citations = 0;
  const numbers = new Set<string>();
  for (const match of text.matchAll(MARKER)) {
    numbers.add(String(Number(match[1])));
    citations += 1;
    for (const more of (match[2] ?? '').split(',').slice(1)) {
      numbers.add(String(Number(more)));
      citations += 1;
    }
  }
  return { citations, sources: numbers.size };
}

function inlineTokens(text: string): Token[] {
  return markdown.parseInline(text, {})[0]?.children ?? [];
}

/**
 * The blocks of Markdown text (CommonMark), their inline content left as text to read; null
 * when they nest as deep as Markdown's parser reads (it skips what is deeper).
 */
export function blockTokens(text: string): Token[] | null {
  const tokens: Token[] = [];
  markdown.block.parse(text, markdown, {}, tokens);
  return tokens.some((token) => token.level >= MAX_NESTING - 1) ? null : tokens;
}

/** Inline Markdown as plain text: links keep their text, emphasis is dropped. */
export function inlinePlainText(text: string): string {
  let plain = '';
  for (const token of inlineTokens(text)) {
    if (['text', 'text_special', 'code_inline'].includes(token.type)) plain += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') plain += ' ';
    else if (token.type === 'image') plain += token.content;
  }
  return plain.replace(/\s+/g, ' ').trim();
}

/** Whether two runs of text carry the same marks (the marks made here: a type, a link's href). */
function sameMarks(a: Mark[] = [], b: Mark[] = []): boolean {
  return (
    a.length === b.length &&
    a.every((mark, i) => mark.type === b[i]!.type && mark.attrs?.href === b[i]!.attrs?.href)
  );
}

/**
 * Inline Markdown (emphasis, links, hard breaks) with citation markers, as ProseMirror JSON
 * nodes. Whitespace between adjacent markers is dropped so that `[1] [2]` becomes two adjacent
 * citation nodes, which render as "[1] [2]".
 */
export function inlineNodes(text: string, context: InlineContext): RichNode[] {
  const nodes: RichNode[] = [];
  // The marks in force, each kind once however deep emphasis nests ("*a *b* c*" is italic
  // throughout, not italic twice over "b"), so at most one of each; `added` tells, for each
  // open token, whether it added one (the innermost: tokens nest).
  const marks: Mark[] = [];
  const added: boolean[] = [];
  const openMark = (mark: Mark) => {
    const adds = !marks.some((other) => other.type === mark.type);
    if (adds) marks.push(mark);
    added.push(adds);
  };
  const closeMark = () => {
    if (added.pop()) marks.pop();
  };
  const activeMarks = () => marks.map((mark) => ({ ...mark }));
  const pushText = (value: string) => {
    if (!value) return;
    const last = nodes.at(-1);
    const currentMarks = marks.length ? activeMarks() : undefined;
    if (last?.type === 'text' && sameMarks(last.marks, currentMarks)) {
      last.text += value;
    } else {
      nodes.push(
        currentMarks
          ? { type: 'text', text: value, marks: currentMarks }
          : { type: 'text', text: value },
      );
    }
  };
  /** Text with its markers as citations; `masked` is the same text with escapes as ESCAPED. */
  const pushCitations = (value: string, masked: string) => {
    for (const leftover of masked.matchAll(LEFTOVER_ID)) {
      context.note(
        'attention',
        `“${leftover[0]}” looks like an internal reference left over from the original page; it was kept as text: check it and delete it.`,
      );
    }
    let position = 0;
    for (const match of masked.matchAll(MARKER)) {
      const between = value.slice(position, match.index);
      const afterCitation = nodes.at(-1)?.type === 'citation';
      if (!(afterCitation && between.trim() === '')) pushText(between);
      const numbers = [match[1]!, ...(match[2] ?? '').split(',').slice(1)].map(Number);
      const end = match.index + match[0].length;
      const glued = match[4] ?? '';
      // The pinpoint as written, escaped characters included: it ends before `]` and the digits.
      const locatorEnd = end - glued.length - 1;
      const locator = match[3]
        ? value.slice(locatorEnd - match[3].length, locatorEnd).trim() || null
        : null;
      numbers.forEach((number, index) => {
        const citation = context.citation(number, index === numbers.length - 1 ? locator : null);
        if (marks.length) citation.marks = activeMarks();
        nodes.push(citation);
      });
      if (glued) {
        context.note(
          'attention',
          `“${value.slice(match.index, end)}”: the “${glued}” glued to the citation was dropped (it looks like a leftover footnote link from the original page).`,
        );
      }
      position = end;
    }
    pushText(value.slice(position));
  };
  // Text and escaped characters are read together, so that a pinpoint may hold escaped ones.
  let run = '';
  let masked = '';
  const flushRun = () => {
    if (run) pushCitations(run, masked);
    run = '';
    masked = '';
  };

  for (const token of inlineTokens(text)) {
    if (token.type === 'text' || token.type === 'text_special') {
      run += token.content;
      masked += token.type === 'text' ? token.content : ESCAPED.repeat(token.content.length);
      continue;
    }
    flushRun();
    switch (token.type) {
      case 'softbreak':
        pushText(' ');
        break;
      case 'hardbreak':
        nodes.push({ type: 'hardBreak' });
        break;
      case 'strong_open':
        openMark({ type: 'bold' });
        break;
      case 'em_open':
        openMark({ type: 'italic' });
        break;
      case 'link_open': {
        const href = normalizeLinkUrl(String(token.attrGet('href') ?? ''));
        if (href) {
          openMark({ type: 'link', attrs: { href } });
        } else {
          openMark({ type: 'unsupported-link' });
          context.note(
            'attention',
            `The link to “${token.attrGet('href')}” was removed (only http, https and mailto links are allowed); its text was kept.`,
          );
        }
        break;
      }
      case 'strong_close':
      case 'em_close':
      case 'link_close':
        closeMark();
        break;
      case 'code_inline':
        pushText(token.content);
        context.note(
          'info',
          `Code formatting of “${token.content}” was dropped; the text was kept.`,
        );
        break;
      case 'image':
        pushText(token.content);
        context.note(
          'attention',
          `An image (“${token.content || token.attrGet('src')}”) cannot be imported; its description was kept as text.`,
        );
        break;
      default:
        if (token.content) pushText(token.content);
    }
  }
  flushRun();
  // A link whose address was refused keeps its text without any mark.
  for (const node of nodes) {
    if (node.marks) {
      node.marks = node.marks.filter((mark) => mark.type !== 'unsupported-link');
      if (!node.marks.length) delete node.marks;
    }
  }
  return mergeTexts(trimEnds(nodes));
}

function mergeTexts(nodes: RichNode[]): RichNode[] {
  const merged: RichNode[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === 'text' && last?.type === 'text' && sameMarks(last.marks, node.marks)) {
      last.text += node.text ?? '';
    } else if (node.type !== 'text' || node.text) {
      merged.push(node);
    }
  }
  return merged;
}

function trimEnds(nodes: RichNode[]): RichNode[] {
  const first = nodes[0];
  if (first?.type === 'text') first.text = first.text?.trimStart();
  const last = nodes.at(-1);
  if (last?.type === 'text') last.text = last.text?.trimEnd();
  return nodes;
}
