import { QUESTION_MAX, QUESTION_MIN } from '@/lib/content/checks';
import {
  type BriefDocument,
  DOCUMENT_LIMITS,
  emptyRichDoc,
  emptySourceFields,
  type Source,
} from '@/lib/content/document';
import { numberedSources } from '@/lib/content/numbered-sources';
import type { RichNode } from '@/lib/content/numbering';
import { parseBriefDocument } from '@/lib/content/validate';
import {
  blockTokens,
  countCitationMarkers,
  type InlineContext,
  inlineNodes,
  inlinePlainText,
} from './inline';
import { checkImportText, type TextCheck } from './input';
import { findSourceList, parseSourceList, type SourceEntry } from './source-list';

export interface ImportNote {
  /** 1-based line of the imported text, or null for a note about the whole text. */
  line: number | null;
  /** `attention`: something the editor must check or fix; `info`: what the import did. */
  severity: 'attention' | 'info';
  message: string;
}

export interface ImportReport {
  format: 'text' | 'markdown';
  /** The "Checked on" line as written: information for the reviewer, never the brief's date. */
  checkedOnAsWritten: string | null;
  counts: {
    sections: number;
    paragraphs: number;
    citations: number;
    sources: number;
    placeholderSources: number;
    relatedQuestions: number;
  };
  notes: ImportNote[];
}

export type ImportResult =
  | { ok: true; document: BriefDocument; report: ImportReport }
  | { ok: false; error: string };

export interface ImportOptions {
  /** The newsroom's date, YYYY-MM-DD: the accessed date of imported sources. */
  today: string;
  newId?: () => string;
}

type Part = 'lead' | 'summary' | 'body' | 'limitations' | 'related';

// Markup a line may be wrapped in: "## ", "**…**", "_…_".
const WRAP = String.raw`(?:#{1,6}\s+)?(?:\*\*|__|\*|_)?`;
const UNWRAP = String.raw`(?:\*\*|__|\*|_)?`;
// Patterns below never put two `\s*` side by side, nor a lazy `.*?` before `\s*$`: on a long
// run of spaces either costs time quadratic in its length.
const special = (words: string) =>
  new RegExp(`^${WRAP}(?:${words})${UNWRAP}\\s*(?::\\s*)?(?:(?:\\*\\*|__|\\*|_)\\s*)?$`, 'i');
const inline = (words: string) =>
  new RegExp(`^${WRAP}(?:${words})${UNWRAP}\\s*(?::|—|–|\\s-\\s)${UNWRAP}\\s*(\\S.*)$`, 'i');

// "Executive summary" and the names other writers give it.
const SUMMARY_NAMES =
  'executive summary|summary of (?:the )?(?:results|findings)|summary|key findings';
const SUMMARY_HEADING = special(SUMMARY_NAMES);
const SUMMARY_INLINE = inline(SUMMARY_NAMES);
const LIMITATIONS_HEADING = special('limitations');
const LIMITATIONS_INLINE = inline('limitations');
const RELATED_HEADING = special(String.raw`want to dive deeper\??|related questions|dive deeper`);
const CHECKED_ON = new RegExp(`^${WRAP}checked on${UNWRAP}(?:\\s*:)?\\s*(\\S.*)$`, 'i');
const DISCLAIMER = new RegExp(`^${WRAP}disclaimer${UNWRAP}\\s*:`, 'i');
const FACT_CHECK_PREFIX = /^fact[\s-]?check(?:ed)?\s*[:—–-]\s*/i;
const ATX_HEADING = /^(#{1,6})(?:\s+(.*))?$/;
const NUMBERED_HEADING = /^\d{1,2}[.)]\s+\S/;
// A line numbered as an ordered list's items are.
const NUMBERED_LINE = /^\d{1,9}[.)]\s/;
// The longest line that may be a heading.
const MAX_HEADING = 200;
// Bullets of plain text, besides Markdown's `-`, `*` and `+`.
const BULLETS = '•●◦▪‣–';
const LIST_ITEM = new RegExp(String.raw`^(\s*)([${BULLETS}*+-]|(\d{1,9})[.)])\s+(.*)$`);
// A list item that Markdown would not open, and so the Markdown export never writes.
const TEXT_LIST_ITEM = new RegExp(String.raw`^(?:[${BULLETS}]|\d{1,9}\))\s`);
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const RULE = /^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const TABLE = /^\s*\|.*\|\s*$/;
const HTML_BLOCK = /^\s{0,3}<\/?[A-Za-z!]/;
const MARKER_IN_LINE = /\[\d{1,4}\]/;
// How the Markdown export marks a paragraph exempt from the "every paragraph cites" check.
export const NO_CITATION_NEEDED_COMMENT = '<!-- no citation needed -->';
const NO_CITATION_NEEDED = /^<!--\s*no citation needed\s*-->\s*$/i;

// The Markdown blocks a quotation may hold around others, and what they become.
const QUOTED_CONTAINERS: Record<string, string> = {
  blockquote: 'blockquote',
  bullet_list: 'bulletList',
  ordered_list: 'orderedList',
  list_item: 'listItem',
};

interface OpenList {
  indent: number;
  /** Where the text of its last item starts: lines indented so far belong to that item. */
  column: number;
  ordered: boolean;
  node: RichNode;
}

// The fewest bytes one citation takes in the stored JSON (ids of one character).
const MIN_CITATION_BYTES = JSON.stringify({
  type: 'citation',
  attrs: { citationId: 'x', sourceId: 'x', locator: null },
}).length;
const count = (n: number) => n.toLocaleString('en-US');
const TOO_LARGE = `This text makes a brief larger than 1 MB of content, the limit of one brief. Split it into several briefs.`;
const TOO_DEEP =
  'This text nests quotations or lists more deeply than a brief can hold. Flatten them and import it again.';

const MAX_NOTES = 200;
const PARAGRAPH_BYTES = '{"type":"paragraph"}'.length;

/** Thrown as soon as the document being built is known to exceed the limit of one brief. */
class OverLimit extends Error {}

/**
 * Refuses, in one linear pass and before any parsing, a text that cannot fit the limits of one
 * brief: more citation markers than its bytes can hold, or more sources than it may have.
 */
export function checkImportLimits(text: string): TextCheck {
  const { citations, sources } = countCitationMarkers(text);
  const maxCitations = Math.floor(DOCUMENT_LIMITS.jsonBytes / MIN_CITATION_BYTES);
  if (citations > maxCitations) {
    return {
      ok: false,
      error: `The text has ${count(citations)} citations, more than a brief can hold (its limit of 1 MB of content leaves room for ${count(maxCitations)} at the very most). Split it into several briefs.`,
    };
  }
  if (sources > DOCUMENT_LIMITS.sources) {
    return {
      ok: false,
      error: `The text cites ${count(sources)} different source numbers; a brief has at most ${count(DOCUMENT_LIMITS.sources)} sources. Split it into several briefs.`,
    };
  }
  return { ok: true, text };
}

/**
 * Turns a brief written as plain text or Markdown (in the shape of the sample brief) into a
 * brief document and a report of what was done and what needs attention. Pure: no database.
 * The work is bounded: a text over the limits of one brief is refused before it is parsed in
 * full (at once when its markers tell, otherwise once what was built exceeds 1 MB).
 */
export function importBrief(input: string, options: ImportOptions): ImportResult {
  const checked = checkImportText(input);
  if (!checked.ok) return checked;
  const limited = checkImportLimits(checked.text);
  if (!limited.ok) return limited;
  try {
    return readBrief(checked.text, options);
  } catch (error) {
    if (error instanceof OverLimit) return { ok: false, error: error.message };
    throw error;
  }
}

function readBrief(text: string, options: ImportOptions): ImportResult {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    .split('\n');
  const notes: ImportNote[] = [];
  // The same remark twice on one line (two identical leftovers) is said once. A text can make
  // tens of thousands of remarks: the report keeps the first ones, which is what a person reads.
  const noted = new Set<string>();
  let notesLeftOut = 0;
  const note = (line: number | null, severity: ImportNote['severity'], message: string) => {
    const key = `${line}:${message}`;
    if (noted.has(key)) return;
    if (notes.length >= MAX_NOTES) {
      notesLeftOut += 1;
      return;
    }
    noted.add(key);
    notes.push({ line, severity, message });
  };

  const questionIndex = lines.findIndex((line) => line.trim() !== '');
  const questionLine = lines[questionIndex]!.trim();
  const question = questionOfLine(questionLine);
  if (question === null) {
    return {
      ok: false,
      error:
        'The text has no question: its first line must be the question the brief answers (for example “Did X say Y?”).',
    };
  }
  if (question.length > DOCUMENT_LIMITS.questionLength) {
    return {
      ok: false,
      error: `The first line is ${question.length.toLocaleString('en-US')} characters long, so it cannot be the question (a question has at most 200 characters). Put the question alone on the first line.`,
    };
  }
  if (question && questionLine.replace(/^#{1,6}\s+/, '') !== question) {
    note(questionIndex + 1, 'info', `The question was taken from this line as “${question}”.`);
  }
  if (!question) {
    note(
      questionIndex + 1,
      'attention',
      'The question is empty (this heading has no text): write it before the brief is submitted.',
    );
  } else if (question.length < QUESTION_MIN) {
    note(
      questionIndex + 1,
      'attention',
      `The question “${question}” has ${question.length} characters; a question needs at least ${QUESTION_MIN} before the brief can be submitted. Check that this line holds the whole question.`,
    );
  } else if (question.length > QUESTION_MAX) {
    note(
      questionIndex + 1,
      'attention',
      `The question has ${question.length} characters; a question has at most ${QUESTION_MAX} before the brief can be submitted. Shorten it.`,
    );
  }

  const format = lines.some((line) => /^#{1,6}\s+\S/.test(line)) ? 'markdown' : 'text';
  const sourceList = findSourceList(lines, questionIndex + 1);
  const contentEnd = sourceList ? (sourceList.heading ?? sourceList.start) : lines.length;
  const content = {
    start: questionIndex + 1,
    end: contentEnd,
    linePerParagraph:
      format === 'text' && hasParagraphPerLine(lines, questionIndex + 1, contentEnd),
  };
  const numberedHeadingAt = (index: number) =>
    format === 'text' ? numberedHeading(lines, index, content) : null;
  // Said once, at the first line where it made a difference: the rest follows from it.
  let splitNoted = false;
  const noteSplit = (line: number) => {
    if (splitNoted) return;
    splitNoted = true;
    note(
      line,
      'attention',
      'The text has no blank lines between paragraphs, so each line was taken as a paragraph of its own (the first time here): check that no paragraph was split in two.',
    );
  };

  // Sources are keyed by the number the text gave them; ids are made on first sight.
  const sourceIds = new Map<number, string>();
  const idFor = (number: number) => {
    let id = sourceIds.get(number);
    if (!id) {
      id = newId();
      sourceIds.set(number, id);
    }
    return id;
  };
  const citedNumbers = new Set<number>();

  const parts: Record<Exclude<Part, 'related'>, RichNode[]> = {
    lead: [],
    summary: [],
    body: [],
    limitations: [],
  };
  const blockLines = new Map<RichNode, number>();
  const relatedQuestions: BriefDocument['relatedQuestions'] = [];
  let checkedOnAsWritten: string | null = null;
  // An object, not a `let`: the helpers below change it and TypeScript must not narrow it.
  const at: { part: Part } = { part: 'lead' };
  let sawSummary = false;
  let summaryLine = 0;
  let paragraph: { lines: string[]; start: number } | null = null;
  let lists: OpenList[] = [];
  let item: { paragraph: RichNode; lines: string[]; start: number } | null = null;
  let quote: { lines: string[]; start: number } | null = null;
  let fence: { start: number; lines: string[] } | null = null;

  // A lower bound of the stored JSON built so far: every character of text, every citation, the
  // wrapping of each text node that cannot merge with its neighbour (other marks), and of each
  // paragraph (every block ends up as one or holds one).
  let bytesAtLeast = 0;
  const spend = (bytes: number) => {
    bytesAtLeast += bytes;
    if (bytesAtLeast > DOCUMENT_LIMITS.jsonBytes) throw new OverLimit(TOO_LARGE);
  };
  const inlineAt = (text: string, line: number): RichNode[] => {
    const nodes = inlineNodes(text, contextAt(line));
    spend(
      nodes.reduce(
        (sum, node, index) =>
          sum + (index === 0 && node.type === 'text' ? (node.text?.length ?? 0) : bytesOf(node)),
        0,
      ),
    );
    return nodes;
  };
  const contextAt = (line: number): InlineContext => ({
    line,
    citation(number, locator) {
      citedNumbers.add(number);
      return {
        type: 'citation',
        attrs: { citationId: newId(), sourceId: idFor(number), locator },
      };
    },
    note: (severity, message) => note(line, severity, message),
  });
  const target = () => parts[at.part === 'related' ? 'body' : at.part];
  const addBlock = (node: RichNode, line: number) => {
    blockLines.set(node, line);
    target().push(node);
  };
  /** A paragraph, exempt from citing when it ends with the export's "no citation needed". */
  const paragraphNode = (text: string, line: number): RichNode | null => {
    const exemption = withoutExemption(text);
    const content = inlineAt(exemption.text, line);
    if (!content.length) return null;
    spend(PARAGRAPH_BYTES);
    return exemption.exempt
      ? { type: 'paragraph', attrs: { noCitationNeeded: true }, content }
      : { type: 'paragraph', content };
  };

  const flushParagraph = () => {
    if (!paragraph) return;
    const node = paragraphNode(paragraph.lines.join('\n'), paragraph.start);
    if (node) addBlock(node, paragraph.start);
    paragraph = null;
  };
  // The text of a list item is read once it is complete, as a paragraph's is.
  const flushItem = () => {
    if (!item) return;
    const node = paragraphNode(item.lines.join('\n'), item.start);
    if (node) Object.assign(item.paragraph, node);
    else spend(PARAGRAPH_BYTES);
    item = null;
  };
  const closeLists = () => {
    flushItem();
    lists = [];
  };
  const flushQuote = () => {
    if (!quote) return;
    const content = quotedBlocks(quote.lines.join('\n'), quote.start);
    if (content.length) addBlock({ type: 'blockquote', content }, quote.start);
    quote = null;
  };
  /**
   * What a quotation holds, read as Markdown blocks: paragraphs, lists, headings and quotations
   * in it (Markdown's own parser bounds their nesting).
   */
  const quotedBlocks = (text: string, start: number): RichNode[] => {
    const root: RichNode = { type: 'doc', content: [] };
    const open = [root];
    let headingLevel = 0;
    const push = (node: RichNode) => open.at(-1)!.content!.push(node);
    const tokens = blockTokens(text);
    if (!tokens) throw new OverLimit(TOO_DEEP);
    for (const token of tokens) {
      const line = start + (token.map?.[0] ?? 0);
      const container = QUOTED_CONTAINERS[token.type.replace(/_(?:open|close)$/, '')];
      if (container && token.nesting === 1) {
        const first = Number(token.attrGet('start') ?? 1);
        const node: RichNode =
          container === 'orderedList' && first !== 1
            ? { type: container, attrs: { start: first }, content: [] }
            : { type: container, content: [] };
        push(node);
        open.push(node);
      } else if (container) {
        const node = open.pop()!;
        // An item opens with a paragraph, and a quotation is never empty.
        if (node.type === 'listItem' && node.content![0]?.type !== 'paragraph') {
          node.content!.unshift({ type: 'paragraph' });
        }
        if (node.type === 'blockquote' && !node.content!.length) open.at(-1)!.content!.pop();
      } else if (token.type === 'heading_open') {
        headingLevel = Number(token.tag.slice(1));
      } else if (token.type === 'heading_close') {
        headingLevel = 0;
      } else if (token.type === 'inline' && headingLevel) {
        const content = inlineAt(token.content, line);
        if (content.length)
          push({ type: 'heading', attrs: { level: headingLevel <= 2 ? 2 : 3 }, content });
      } else if (token.type === 'inline') {
        const node = paragraphNode(token.content, line);
        if (node) push(node);
      } else if (token.type === 'code_block' || token.type === 'fence') {
        const code = token.content.trim();
        if (code) push({ type: 'paragraph', content: [{ type: 'text', text: code }] });
        note(line, 'attention', 'A code block was imported as a plain paragraph.');
      } else if (token.type === 'hr') {
        note(line, 'info', 'A horizontal rule was dropped (briefs have none).');
      }
    }
    return root.content!;
  };
  const flushAll = () => {
    flushParagraph();
    flushQuote();
    closeLists();
  };
  const switchTo = (next: Part) => {
    flushAll();
    at.part = next;
  };

  const addListItem = (
    indent: number,
    column: number,
    ordered: boolean,
    start: number,
    text: string,
    line: number,
  ) => {
    flushParagraph();
    flushQuote();
    flushItem();
    while (
      lists.length &&
      (lists.at(-1)!.indent > indent ||
        (lists.at(-1)!.indent === indent && lists.at(-1)!.ordered !== ordered))
    ) {
      lists.pop();
    }
    let list = lists.at(-1);
    if (!list || list.indent < indent) {
      const node: RichNode = ordered
        ? { type: 'orderedList', ...(start !== 1 ? { attrs: { start } } : {}), content: [] }
        : { type: 'bulletList', content: [] };
      const parentItem = list?.node.content?.at(-1);
      if (parentItem) parentItem.content!.push(node);
      else addBlock(node, line);
      list = { indent, column, ordered, node };
      lists.push(list);
    }
    list.column = column;
    const itemParagraph: RichNode = { type: 'paragraph' };
    list.node.content!.push({ type: 'listItem', content: [itemParagraph] });
    item = { paragraph: itemParagraph, lines: [text], start: line };
  };
  const continueListItem = (raw: string, text: string, line: number) => {
    if (!item) {
      // After a blank line, a line indented under an item is another paragraph of that item.
      const indent = indentOf(raw);
      while (lists.length > 1 && lists.at(-1)!.column > indent) lists.pop();
      const paragraph: RichNode = { type: 'paragraph' };
      lists.at(-1)!.node.content!.at(-1)!.content!.push(paragraph);
      item = { paragraph, lines: [], start: line };
    }
    item.lines.push(text);
  };

  let next = 0;
  let listGoesOn = false;
  for (let index = questionIndex + 1; index < contentEnd; index += 1) {
    const raw = lines[index]!;
    const line = index + 1;
    const trimmed = raw.trim();

    if (fence) {
      if (FENCE.test(raw)) {
        const text = fence.lines.join('\n').trim();
        if (text) addBlock({ type: 'paragraph', content: [{ type: 'text', text }] }, fence.start);
        note(fence.start, 'attention', 'A code block was imported as a plain paragraph.');
        fence = null;
      } else {
        fence.lines.push(raw);
      }
      continue;
    }
    if (!trimmed) {
      flushParagraph();
      flushQuote();
      // A blank line ends a list unless the list goes on after it. The next non-blank line is
      // found and read once per run of blank lines, not once per blank line.
      if (next <= index) {
        next = index + 1;
        while (next < contentEnd && !lines[next]!.trim()) next += 1;
        listGoesOn =
          next < contentEnd &&
          ((LIST_ITEM.test(lines[next]!) && numberedHeadingAt(next) === null) ||
            (lists.length > 0 && indentOf(lines[next]!) >= lists[0]!.column));
      }
      flushItem();
      if (!listGoesOn) lists = [];
      continue;
    }

    if (at.part === 'lead' && !sawSummary && parts.lead.length === 0 && !paragraph) {
      const checkedOn = CHECKED_ON.exec(trimmed);
      if (checkedOn) {
        checkedOnAsWritten = withoutClosingMark(checkedOn[1]!.trimEnd()).trim();
        note(
          line,
          'info',
          `The text says “Checked on ${checkedOnAsWritten}”. Kept for the reviewer only: the brief gets its own date when a reviewer approves it.`,
        );
        continue;
      }
      if (DISCLAIMER.test(trimmed)) {
        note(
          line,
          'info',
          'The disclaimer line was dropped: the public site shows its own disclaimer.',
        );
        continue;
      }
    }

    // Only before the body starts: later, "Summary: …" is an ordinary paragraph.
    if (at.part === 'lead' && (SUMMARY_HEADING.test(trimmed) || SUMMARY_INLINE.test(trimmed))) {
      switchTo('summary');
      sawSummary = true;
      summaryLine = line;
      // "**Summary:**" is a heading, not "Summary:" followed by the text "*".
      const rest = SUMMARY_HEADING.test(trimmed) ? undefined : SUMMARY_INLINE.exec(trimmed)?.[1];
      if (rest) paragraph = { lines: [rest], start: line };
      continue;
    }
    if (LIMITATIONS_HEADING.test(trimmed) || LIMITATIONS_INLINE.test(trimmed)) {
      switchTo('limitations');
      const rest = LIMITATIONS_HEADING.test(trimmed)
        ? undefined
        : LIMITATIONS_INLINE.exec(trimmed)?.[1];
      if (rest) paragraph = { lines: [rest], start: line };
      continue;
    }
    if (RELATED_HEADING.test(trimmed)) {
      switchTo('related');
      continue;
    }

    const heading = ATX_HEADING.exec(trimmed);
    const numbered = heading ? null : numberedHeadingAt(index);
    if (heading || numbered) {
      const level = heading ? heading[1]!.length : 2;
      const headingLines = [heading ? withoutClosingHashes(heading[2] ?? '') : trimmed];
      // A heading's hard break, as the export writes it: a backslash ending the line, the
      // heading going on on the next line.
      while (
        heading &&
        endsWithEscape(headingLines.at(-1)!) &&
        index + 1 < contentEnd &&
        lines[index + 1]!.trim()
      ) {
        index += 1;
        headingLines.push(lines[index]!.trim());
      }
      const text = headingLines.join('\n');
      if (numbered === 'guessed') {
        note(
          line,
          'attention',
          'This line was taken as a section heading because it is short and numbered, though no blank line sets it apart: check that it is one.',
        );
      }
      if (at.part === 'limitations' || at.part === 'related') {
        note(
          line,
          'attention',
          'This section comes after the limitations or related questions; it was put at the end of the body.',
        );
      }
      switchTo('body');
      if (level > 3)
        note(
          line,
          'info',
          `A level-${level} heading became a level-3 heading (briefs use two levels).`,
        );
      if (level === 1)
        note(line, 'info', 'A second level-1 heading became a section (level-2) heading.');
      const content = inlineAt(text, line);
      if (content.length) {
        spend(PARAGRAPH_BYTES);
        addBlock({ type: 'heading', attrs: { level: level <= 2 ? 2 : 3 }, content }, line);
      }
      continue;
    }

    if (at.part === 'related') {
      addRelatedQuestion(trimmed, line);
      continue;
    }

    if (RULE.test(raw)) {
      flushAll();
      if (at.part === 'summary') {
        at.part = 'body';
      } else {
        note(line, 'info', 'A horizontal rule was dropped (briefs have none).');
      }
      continue;
    }
    if (FENCE.test(raw)) {
      flushAll();
      fence = { start: line, lines: [] };
      continue;
    }
    const quoted = QUOTE.exec(raw);
    if (quoted) {
      flushParagraph();
      closeLists();
      quote ??= { lines: [], start: line };
      quote.lines.push(quoted[1]!);
      continue;
    }
    const item = LIST_ITEM.exec(raw);
    if (item && !RULE.test(raw)) {
      const indent = indentOf(raw);
      const column = indent + raw.length - item[1]!.length - item[4]!.length;
      addListItem(indent, column, item[3] !== undefined, Number(item[3] ?? 1), item[4]!, line);
      continue;
    }
    // In a text with one paragraph per line, a line ends what came before it, unless it is
    // indented under a list item or the line before ends with a hard break.
    const startsAnew =
      content.linePerParagraph &&
      (paragraph !== null || lists.length > 0) &&
      !endsWithHardBreak(lines[index - 1]!) &&
      !(lists.length && /^\s/.test(raw));
    if (startsAnew) noteSplit(line);
    // Otherwise this line continues the last item: lists stay open up to a blank line, and after
    // one for a line indented under an item.
    if (lists.length && !startsAnew) {
      continueListItem(raw, trimmed, line);
      continue;
    }
    if (TABLE.test(raw)) {
      note(line, 'attention', 'Tables are not supported: this row was imported as a paragraph.');
      flushAll();
      paragraph = { lines: [trimmed], start: line };
      flushParagraph();
      continue;
    }
    if (HTML_BLOCK.test(raw) && !paragraph) {
      note(line, 'attention', 'HTML is not imported as markup: this line was kept as text.');
    }
    flushQuote();
    closeLists();
    if (startsAnew) flushParagraph();
    paragraph ??= { lines: [], start: line };
    paragraph.lines.push(trimmed);
  }
  const unclosedFence = fence as { start: number; lines: string[] } | null;
  if (unclosedFence) {
    const text = unclosedFence.lines.join('\n').trim();
    if (text)
      addBlock({ type: 'paragraph', content: [{ type: 'text', text }] }, unclosedFence.start);
    note(
      unclosedFence.start,
      'attention',
      'A code block was never closed; it was imported as a plain paragraph.',
    );
  }
  flushAll();

  function addRelatedQuestion(text: string, line: number) {
    const questionText = inlinePlainText(text.replace(LIST_ITEM, '$4'));
    if (!questionText) return;
    if (relatedQuestions.length >= DOCUMENT_LIMITS.relatedQuestions) {
      note(
        line,
        'attention',
        `Only ${DOCUMENT_LIMITS.relatedQuestions} related questions fit in a brief; “${questionText}” was not imported.`,
      );
    } else if (questionText.length > 300) {
      note(
        line,
        'attention',
        'This related question is longer than 300 characters and was not imported.',
      );
    } else {
      relatedQuestions.push({ text: questionText });
    }
  }

  placeLead(parts, sawSummary, note, blockLines);
  // Sections a plain text does not number (or set apart) are not found: the summary then runs
  // to the limitations or the end. Markdown marks its headings, so there it is what was meant.
  if (format === 'text' && sawSummary && !parts.body.length && parts.summary.length > 1) {
    note(
      summaryLine,
      'attention',
      'No section follows the executive summary, so all the text after it went into the summary: check where the summary ends (a “---” line or a numbered heading ends it).',
    );
  }
  for (const inlinePart of ['summary', 'limitations'] as const) {
    parts[inlinePart] = inlineBlocks(parts[inlinePart], inlinePart, note, blockLines);
  }

  const sources = buildSources({
    lines,
    sourceList,
    citedNumbers,
    idFor,
    newId,
    today: options.today,
    note,
  });
  const document: BriefDocument = {
    question,
    summary: docOf(parts.summary),
    body: docOf(parts.body),
    limitations: docOf(parts.limitations),
    relatedQuestions,
    sources,
  };
  const { numbers } = numberedSources(document);
  document.sources = orderSources(document.sources, numbers, sourceIds);
  noteRenumbering(numbers, sourceIds, note);

  if (notesLeftOut) {
    notes.push({
      line: null,
      severity: 'attention',
      message: `This report shows the first ${MAX_NOTES} notes; ${count(notesLeftOut)} more were left out.`,
    });
  }

  const valid = parseBriefDocument(document);
  if (!valid.ok) {
    return {
      ok: false,
      error: `This text cannot become a brief: ${valid.problems.map((p) => p.message).join(' ')}`,
    };
  }
  return {
    ok: true,
    document: valid.document,
    report: {
      format,
      checkedOnAsWritten,
      counts: countsOf(valid.document),
      notes: notes.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    },
  };
}

/**
 * The question a first line gives: its text without `#` or a leading "Fact check:" (unless a
 * letter of it is escaped or encoded, as the export writes a question that starts so); '' for
 * an empty heading (a draft exported before its question was written); null when the line is
 * no question (empty, a part's name, the "Checked on" or disclaimer line).
 */
export function questionOfLine(line: string): string | null {
  const trimmed = line.trim();
  if (/^#{1,6}$/.test(trimmed)) return '';
  const text = trimmed.replace(/^#{1,6}\s+/, '');
  let question = inlinePlainText(text);
  if (/^(?:\*\*|__|\*|_)?fact[\s-]?check/i.test(text)) {
    question = question.replace(FACT_CHECK_PREFIX, '');
  }
  const otherLine = [SUMMARY_HEADING, SUMMARY_INLINE, CHECKED_ON, DISCLAIMER, LIMITATIONS_INLINE];
  return question && !otherLine.some((pattern) => pattern.test(trimmed)) ? question : null;
}

/**
 * Whether a line inside a part would be read as structure that the Markdown export never
 * writes: the start of another part ("Limitations: …", "Want to dive deeper?"), a list item
 * opened by "•", "–" or "1)", or a table row. The export encodes the first character of such a
 * line, so that it comes back as the text it is.
 */
export function readsAsUnwrittenStructure(line: string): boolean {
  const trimmed = line.trim();
  return (
    LIMITATIONS_HEADING.test(trimmed) ||
    LIMITATIONS_INLINE.test(trimmed) ||
    RELATED_HEADING.test(trimmed) ||
    TEXT_LIST_ITEM.test(trimmed) ||
    TABLE.test(trimmed)
  );
}

/** The fewest bytes an inline node takes in the stored JSON, estimated without serializing it. */
function bytesOf(node: RichNode): number {
  if (node.type !== 'text') return JSON.stringify(node).length;
  let bytes = '{"type":"text","text":""}'.length + (node.text?.length ?? 0);
  if (node.marks) bytes += ',"marks":[]'.length;
  for (const mark of node.marks ?? []) {
    bytes += '{"type":""}'.length + mark.type.length;
    if (mark.attrs?.href) bytes += ',"attrs":{"href":""}'.length + String(mark.attrs.href).length;
  }
  return bytes;
}

/** A paragraph's text without the export's "no citation needed" comment at its end. */
function withoutExemption(text: string): { text: string; exempt: boolean } {
  const start = text.lastIndexOf('<!--');
  if (start === -1 || !NO_CITATION_NEEDED.test(text.slice(start))) return { text, exempt: false };
  return { text: text.slice(0, start), exempt: true };
}

/** A heading's text without its optional closing sequence of `#` (CommonMark: after a space). */
function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end -= 1;
  return end < text.length && end > 0 && /\s/.test(text[end - 1]!)
    ? text.slice(0, end).trimEnd()
    : text;
}

/** Text without one closing emphasis mark (`**Checked on: date**`), unless that is all it is. */
function withoutClosingMark(text: string): string {
  const mark = ['**', '__', '*', '_'].find((m) => text.endsWith(m) && text.length > m.length);
  return mark ? text.slice(0, -mark.length) : text;
}

/** Whether a text ends with a backslash that escapes nothing but the line's end. */
function endsWithEscape(text: string): boolean {
  let backslashes = 0;
  while (text[text.length - 1 - backslashes] === '\\') backslashes += 1;
  return backslashes % 2 === 1;
}

/** How far a line is indented, a tab counting as four spaces. */
function indentOf(line: string): number {
  return /^\s*/.exec(line)![0].replace(/\t/g, '    ').length;
}

/** Whether a line ends with a Markdown hard break (a backslash or two spaces). */
function endsWithHardBreak(line: string): boolean {
  return line.endsWith('\\') || line.endsWith('  ');
}

/**
 * Whether a plain text has one paragraph per line, as text copied from a web page has: a line
 * longer than any heading with another line next to it (text wrapped by hand has no such line),
 * or no blank line at all between its lines.
 */
function hasParagraphPerLine(lines: readonly string[], start: number, end: number): boolean {
  const filled = (index: number) => index >= start && index < end && lines[index]!.trim() !== '';
  let first = -1;
  let last = -1;
  let blankBetween = false;
  for (let index = start; index < end; index += 1) {
    if (!filled(index)) continue;
    if (lines[index]!.length > MAX_HEADING && (filled(index - 1) || filled(index + 1))) return true;
    if (last !== -1 && last < index - 1) blankBetween = true;
    if (first === -1) first = index;
    last = index;
  }
  return last > first && !blankBetween;
}

/**
 * Whether a line of plain text is a numbered section heading (`1. Title`: no citation, no final
 * period): `alone` when blank lines set it apart; `guessed` in a text with one paragraph per line
 * when neither the line before nor the one after is numbered too (they would make it a list).
 */
function numberedHeading(
  lines: readonly string[],
  index: number,
  content: { start: number; end: number; linePerParagraph: boolean },
): 'alone' | 'guessed' | null {
  const line = lines[index]?.trim() ?? '';
  if (
    !NUMBERED_HEADING.test(line) ||
    line.length > MAX_HEADING ||
    MARKER_IN_LINE.test(line) ||
    line.endsWith('.')
  ) {
    return null;
  }
  if (!lines[index - 1]?.trim() && !lines[index + 1]?.trim()) return 'alone';
  if (!content.linePerParagraph) return null;
  // Each scan crosses only the blank lines next to this line: linear over the whole text.
  let before = index - 1;
  while (before >= content.start && !lines[before]!.trim()) before -= 1;
  let after = index + 1;
  while (after < content.end && !lines[after]!.trim()) after += 1;
  if (after >= content.end) return null;
  const numbered = (at: number) => at >= content.start && NUMBERED_LINE.test(lines[at]!.trim());
  return numbered(before) || numbered(after) ? null : 'guessed';
}

type Note = (line: number | null, severity: ImportNote['severity'], message: string) => void;

/**
 * Text before any "Executive summary" marker: the summary when the text has sections after it
 * (a brief that opens with its answer), otherwise the body itself.
 */
function placeLead(
  parts: Record<'lead' | 'summary' | 'body' | 'limitations', RichNode[]>,
  sawSummary: boolean,
  note: Note,
  blockLines: Map<RichNode, number>,
) {
  if (!parts.lead.length) {
    if (!sawSummary)
      note(
        null,
        'attention',
        'The text has no executive summary: write one before submitting (it is also the page description).',
      );
    return;
  }
  const firstLine = blockLines.get(parts.lead[0]!) ?? null;
  if (sawSummary) {
    note(
      firstLine,
      'attention',
      'Text before the executive summary was put at the start of the body.',
    );
    parts.body.unshift(...parts.lead);
  } else if (parts.body.some((node) => node.type === 'heading')) {
    note(
      firstLine,
      'attention',
      'No “Executive summary” heading: the text before the first section became the summary.',
    );
    parts.summary.push(...parts.lead);
  } else {
    note(
      null,
      'attention',
      'The text has no executive summary and no sections: all of it went into the body. Write a summary before submitting.',
    );
    parts.body.unshift(...parts.lead);
  }
  parts.lead = [];
}

/** The summary and limitations hold paragraphs only: lists and quotes become paragraphs. */
function inlineBlocks(
  blocks: RichNode[],
  part: 'summary' | 'limitations',
  note: Note,
  blockLines: Map<RichNode, number>,
): RichNode[] {
  const paragraphs: RichNode[] = [];
  const collect = (node: RichNode) => {
    if (node.type === 'paragraph') paragraphs.push(node);
    else if (node.type === 'heading') paragraphs.push({ type: 'paragraph', content: node.content });
    else for (const child of node.content ?? []) collect(child);
  };
  for (const block of blocks) {
    if (block.type !== 'paragraph') {
      note(
        blockLines.get(block) ?? null,
        'info',
        `The ${part === 'summary' ? 'executive summary' : 'limitations'} hold paragraphs only: a ${block.type === 'blockquote' ? 'quotation' : block.type === 'heading' ? 'heading' : 'list'} became paragraphs.`,
      );
    }
    collect(block);
  }
  return paragraphs;
}

function docOf(blocks: RichNode[]): RichNode {
  return blocks.length ? { type: 'doc', content: blocks } : emptyRichDoc();
}

function buildSources(input: {
  lines: string[];
  sourceList: ReturnType<typeof findSourceList>;
  citedNumbers: Set<number>;
  idFor: (number: number) => string;
  newId: () => string;
  today: string;
  note: Note;
}): Source[] {
  const { sourceList, citedNumbers, idFor, newId, today, note } = input;
  const listed = new Map<number, SourceEntry>();
  const sources: Source[] = [];
  if (sourceList) {
    const { entries, notes } = parseSourceList(input.lines, sourceList.start, 1, today);
    for (const entry of notes) note(entry.line, 'attention', entry.message);
    for (const entry of entries) {
      if (listed.has(entry.number)) {
        note(
          entry.line,
          'attention',
          `Two entries of the source list are numbered ${entry.number}; the second one was kept as an uncited source.`,
        );
        sources.push({
          id: newId(),
          ...entry.fields,
          ...(entry.incomplete ? { incomplete: true } : {}),
        });
        continue;
      }
      listed.set(entry.number, entry);
      sources.push({
        id: idFor(entry.number),
        ...entry.fields,
        ...(entry.incomplete ? { incomplete: true } : {}),
      });
      if (!citedNumbers.has(entry.number)) {
        note(
          entry.line,
          'attention',
          `Source ${entry.number} is never cited in the text; it was kept as an uncited source.`,
        );
      }
    }
  }
  const missing = [...citedNumbers].filter((n) => !listed.has(n)).sort((a, b) => a - b);
  for (const number of missing) {
    sources.push({
      id: idFor(number),
      ...emptySourceFields(today),
      title: `Source ${number}`,
      note: `Placeholder made by the import: the text cited [${number}] without saying which source it is. Add its address, title and publisher.`,
      incomplete: true,
    });
  }
  if (missing.length && sourceList) {
    note(
      null,
      'attention',
      `The source list has no entry for ${missing.map((n) => `[${n}]`).join(', ')}: placeholder sources were made for them.`,
    );
  } else if (missing.length) {
    note(
      null,
      'attention',
      `The text has no source list: ${missing.length} placeholder source${missing.length === 1 ? '' : 's'} (${missing.length === 1 ? `Source ${missing[0]}` : `Source ${missing[0]} … Source ${missing.at(-1)}`}) ${missing.length === 1 ? 'was' : 'were'} made. Add each one's address, title and publisher.`,
    );
  }
  return sources;
}

/** Cited sources in citation order, then the uncited ones in the order the text listed them. */
function orderSources(
  sources: Source[],
  numbers: Map<string, number>,
  sourceIds: Map<number, string>,
): Source[] {
  const originalNumber = new Map([...sourceIds].map(([number, id]) => [id, number]));
  const rank = (source: Source) =>
    numbers.get(source.id) ?? 1_000_000 + (originalNumber.get(source.id) ?? 1_000_000);
  return [...sources].sort((a, b) => rank(a) - rank(b));
}

function noteRenumbering(numbers: Map<string, number>, sourceIds: Map<number, string>, note: Note) {
  const changed = [...sourceIds]
    .map(([original, id]) => [original, numbers.get(id)] as const)
    .filter(([original, now]) => now !== undefined && now !== original)
    .sort((a, b) => a[1]! - b[1]!);
  if (changed.length) {
    note(
      null,
      'info',
      `Citations are numbered in order of first appearance, so some numbers changed: ${changed
        .map(([original, now]) => `[${original}] is now [${now}]`)
        .join(', ')}.`,
    );
  }
}

function countsOf(document: BriefDocument): ImportReport['counts'] {
  let sections = 0;
  let paragraphs = 0;
  let citations = 0;
  const visit = (node: RichNode) => {
    if (node.type === 'heading' && node.attrs?.level === 2) sections += 1;
    if (node.type === 'paragraph' && node.content?.length) paragraphs += 1;
    if (node.type === 'citation') citations += 1;
    for (const child of node.content ?? []) visit(child);
  };
  for (const part of [document.summary, document.body, document.limitations]) visit(part);
  return {
    sections,
    paragraphs,
    citations,
    sources: document.sources.length,
    placeholderSources: document.sources.filter((s) => s.incomplete).length,
    relatedQuestions: document.relatedQuestions.length,
  };
}
