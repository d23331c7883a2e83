import { xmlSafe } from '@/lib/content/safe-text';

/** The longest search query, in UTF-16 units. */
export const SEARCH_QUERY_MAX = 200;

/**
 * A reader's query as searched: at most 200 characters, with every character no text may hold
 * (U+0000, which Postgres refuses, other controls, lone surrogates) read as a space, so it
 * matches nothing instead of failing.
 */
export function searchQueryText(input: string): string {
  return Array.from(input.slice(0, SEARCH_QUERY_MAX), (char) => xmlSafe(char) || ' ').join('');
}

/**
 * ts_headline marks matches with these two characters. The text given to it has them removed
 * (see searchPublicBriefs), so every one in a snippet comes from a real match.
 */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

const MARKER = new RegExp(`([${MATCH_START}${MATCH_END}])`);

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** A snippet from ts_headline as pieces of plain text, matches flagged; safe for any output. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  for (const piece of snippet.split(MARKER)) {
    if (piece === MATCH_START) match = true;
    else if (piece === MATCH_END) match = false;
    else {
      const text = xmlSafe(piece);
      if (text) parts.push({ text, match });
    }
  }
  return parts;
}
