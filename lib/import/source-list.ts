import { emptySourceFields, isCalendarDate, type SourceFields } from '@/lib/content/document';
import { isHttpUrl } from '@/lib/content/link-url';
import { inlinePlainText } from './inline';

/** One entry of a source list, before it gets an id and a place in the brief. */
export interface SourceEntry {
  line: number;
  /** The number the text gave it, or its position for a list of bare URLs. */
  number: number;
  fields: SourceFields;
  incomplete: boolean;
}

export interface SourceListNote {
  line: number;
  message: string;
}

// No two `\s*` side by side and no unanchored `[…]+$`: on a long run of spaces or punctuation
// either costs time quadratic in its length.
const HEADING =
  /^(?:#{1,6}\s+)?(?:\*\*|__)?(sources|references|bibliography|works cited)(?:\*\*|__)?\s*(?::\s*)?$/i;
const BRACKETED = /^\s*\[(\d{1,4})\]:?\s+(\S.*)$/;
const NUMBERED = /^\s*(\d{1,4})[.)]\s+(\S.*)$/;
const BARE_URL = /^\s*<?(https?:\/\/\S+?)>?\s*$/;
// Field lines under an entry, as Factdesk's Markdown export writes them.
const FIELD = /^\s+[-*]\s+([A-Za-z ]{2,20}):\s?(.*)$/;
const CONTINUATION = /^\s{3,}\S/;
const URL_IN_TEXT = /https?:\/\/[^\s<>"]+/;
const MARKDOWN_LINK_START = /^\[((?:\\.|[^\]\\])*)\]\((?:<([^>\n]+)>|([^)\s]+))\)\s*(.*)$/;
const AUTOLINK_START = /^<(https?:\/\/[^>\s]+)>\s*(.*)$/;
const DASH = /^[—–-]\s*/;

const fieldNames: Record<string, keyof SourceFields | 'status'> = {
  url: 'url',
  publisher: 'publisher',
  author: 'author',
  published: 'publishedAt',
  accessed: 'accessedAt',
  archive: 'archiveUrl',
  quote: 'quote',
  'internal note': 'note',
  status: 'status',
};

export const UNTITLED = '(untitled)';

/** `[text](…)` at the start, as `/^\[.*\]\(.*\)/` says, in linear time. */
function startsWithLink(text: string): boolean {
  const close = text.indexOf('](', 1);
  return text.startsWith('[') && close !== -1 && text.indexOf(')', close + 2) !== -1;
}

/** Text without the characters `strip` accepts at either end. */
function trimWhere(text: string, strip: (character: string) => boolean): string {
  let start = 0;
  let end = text.length;
  while (start < end && strip(text[start]!)) start += 1;
  while (end > start && strip(text[end - 1]!)) end -= 1;
  return text.slice(start, end);
}

function isEntryLine(line: string): boolean {
  const numbered = NUMBERED.exec(line);
  return (
    BRACKETED.test(line) ||
    BARE_URL.test(line) ||
    // "1. Title. Publisher. https://…" or Factdesk's "1. [Title](https://…) — Publisher".
    (numbered !== null && (URL_IN_TEXT.test(numbered[2]!) || startsWithLink(numbered[2]!)))
  );
}

/**
 * Where the source list at the end of a text starts: after a "Sources" heading, or the first
 * line of a trailing run of entries (`[1] Title — URL`, `1. Title. Publisher. URL`, bare URLs).
 * Returns null when the text has none.
 */
export function findSourceList(
  lines: readonly string[],
  from: number,
): { heading: number | null; start: number } | null {
  for (let index = lines.length - 1; index >= from; index -= 1) {
    if (HEADING.test(lines[index]!.trim())) return { heading: index, start: index + 1 };
  }
  let start: number | null = null;
  for (let index = lines.length - 1; index >= from; index -= 1) {
    const line = lines[index]!;
    if (!line.trim() || FIELD.test(line) || CONTINUATION.test(line)) continue;
    if (!isEntryLine(line)) break;
    start = index;
  }
  return start === null ? null : { heading: null, start };
}

function stripTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && '.,;:)]'.includes(url[end - 1]!)) end -= 1;
  return url.slice(0, end);
}

function splitTitleAndPublisher(text: string): { title: string; publisher: string } {
  const cleaned = trimWhere(text, (c) => /[\s—–\-.,:;]/.test(c)).replace(/\s+/g, ' ');
  const parts = cleaned.split(/\s+[—–-]\s+|\.\s+/).filter(Boolean);
  if (parts.length <= 1) return { title: cleaned, publisher: '' };
  return { title: parts[0]!, publisher: parts.slice(1).join('. ') };
}

/** The first line of an entry: `[Title](url) — Publisher`, or free text with a URL in it. */
function parseEntryText(text: string, fields: SourceFields): { exact: boolean } {
  const link = MARKDOWN_LINK_START.exec(text);
  if (link) {
    fields.title = inlinePlainText(`[${link[1]}](https://x)`);
    fields.url = link[2] ?? link[3]!;
    fields.publisher = link[4]!.replace(DASH, '').trim();
    return { exact: true };
  }
  const autolink = AUTOLINK_START.exec(text);
  if (autolink) {
    fields.url = autolink[1]!;
    fields.publisher = autolink[2]!.replace(DASH, '').trim();
    return { exact: true };
  }
  const bare = BARE_URL.exec(text);
  if (bare) {
    fields.url = bare[1]!;
    return { exact: true };
  }
  const url = URL_IN_TEXT.exec(text);
  if (url) {
    fields.url = stripTrailingPunctuation(url[0]);
    const rest = `${text.slice(0, url.index)} ${text.slice(url.index + url[0].length)}`;
    Object.assign(fields, splitTitleAndPublisher(rest));
    return { exact: false };
  }
  // No address: the whole entry is the title, nothing is guessed.
  const plain = text.trim();
  fields.title = plain === UNTITLED ? '' : inlinePlainText(plain);
  return { exact: true };
}

/**
 * The entries of a source list. Free-form entries keep their original line in the internal
 * note, so nothing is lost when the line was split into title and publisher by guesswork.
 */
export function parseSourceList(
  lines: readonly string[],
  start: number,
  lineOffset: number,
  today: string,
): { entries: SourceEntry[]; notes: SourceListNote[] } {
  const entries: SourceEntry[] = [];
  const notes: SourceListNote[] = [];
  let current: SourceEntry | null = null;
  let lastField: keyof SourceFields | null = null;
  // How far the open field's line is indented ("   - Quote: …": 3, its value's text at 5), and
  // how many blank lines came after its last line: they belong to it if it goes on after them.
  let fieldIndent = 0;
  let blankLines = 0;
  const continueField = (entry: SourceEntry, name: keyof SourceFields, text: string) => {
    entry.fields[name] += `${'\n'.repeat(blankLines + 1)}${text}`;
    blankLines = 0;
  };

  for (let index = start; index < lines.length; index += 1) {
    const line = lines[index]!;
    const lineNumber = index + lineOffset;
    if (!line.trim()) {
      blankLines += 1;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    // A line indented past the field's dash goes on with its value, even one that looks like a
    // field: a quote may hold "- Author: …". Indentation beyond the value's column is kept.
    if (current && lastField && indent > fieldIndent) {
      continueField(current, lastField, line.slice(Math.min(indent, fieldIndent + 2)).trimEnd());
      continue;
    }
    blankLines = 0;
    const field = FIELD.exec(line);
    if (current && field) {
      const name = fieldNames[field[1]!.trim().toLowerCase()];
      const value = field[2]!.trim();
      if (name === 'status') {
        current.incomplete = /incomplete/i.test(value);
        lastField = null;
      } else if (name) {
        current.fields[name] = value;
        lastField = name;
        fieldIndent = indent;
      } else {
        notes.push({
          line: lineNumber,
          message: `Unknown source detail “${field[1]}” was not imported.`,
        });
        lastField = null;
      }
      continue;
    }
    if (current && lastField && CONTINUATION.test(line)) {
      continueField(current, lastField, line.trim());
      continue;
    }
    const bracketed = BRACKETED.exec(line);
    const numbered = bracketed ? null : NUMBERED.exec(line);
    const bare = bracketed || numbered ? null : BARE_URL.exec(line);
    if (!bracketed && !numbered && !bare) {
      notes.push({
        line: lineNumber,
        message: `This line of the source list was not understood and was not imported: “${line.trim()}”.`,
      });
      current = null;
      continue;
    }
    const fields = emptySourceFields(today);
    const text = bracketed?.[2] ?? numbered?.[2] ?? line.trim();
    const { exact } = parseEntryText(text, fields);
    if (!exact) fields.note = `Imported from: ${line.trim()}`;
    current = {
      line: lineNumber,
      number: Number(bracketed?.[1] ?? numbered?.[1] ?? entries.length + 1),
      fields,
      incomplete: false,
    };
    lastField = null;
    entries.push(current);
  }

  for (const entry of entries) checkFields(entry, notes);
  return { entries, notes };
}

function checkFields(entry: SourceEntry, notes: SourceListNote[]): void {
  const { fields } = entry;
  for (const key of ['url', 'archiveUrl'] as const) {
    if (fields[key] && !isHttpUrl(fields[key])) {
      notes.push({
        line: entry.line,
        message: `Source ${entry.number}: “${fields[key]}” is not an http(s) address; it was moved to the internal note.`,
      });
      fields.note = [fields.note, `Address as imported: ${fields[key]}`].filter(Boolean).join('\n');
      fields[key] = '';
    }
  }
  for (const key of ['publishedAt', 'accessedAt'] as const) {
    if (fields[key] && !isCalendarDate(fields[key])) {
      notes.push({
        line: entry.line,
        message: `Source ${entry.number}: the date “${fields[key]}” is not written as YYYY-MM-DD; it was moved to the internal note.`,
      });
      fields.note = [fields.note, `Date as imported: ${fields[key]}`].filter(Boolean).join('\n');
      fields[key] = '';
    }
  }
}
