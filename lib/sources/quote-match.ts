/**
 * Whether a source's quote occurs in the text captured from its page, as a reviewer would judge
 * it: differences of whitespace, quote marks, dashes, case and Unicode forms do not count (pages
 * typeset “curly” quotes and en dashes that an editor types straight, and wrap lines anywhere).
 */

/** Characters that stand for the same thing in a quote, mapped to one of them. */
const EQUIVALENT: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u00B4': "'",
  '`': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\uFE58': '-',
  '\uFE63': '-',
  '\uFF0D': '-',
};

/** Invisible characters a page may hold inside words (soft hyphen, zero-width space and joiners). */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;

interface Normalized {
  text: string;
  /** For each character of `text`, where it came from in the original. */
  origin: number[];
}

/**
 * Each character's comparable pieces (null for whitespace), computed once per distinct
 * character: a page holds few of them, and normalizing per character dominated the time otherwise.
 */
const piecesOf = new Map<string, readonly (string | null)[]>();
function comparablePieces(char: string): readonly (string | null)[] {
  let pieces = piecesOf.get(char);
  if (!pieces) {
    pieces = INVISIBLE.test(char)
      ? []
      : /\s/u.test(char)
        ? [null]
        : // Decomposed, one character at a time: a letter and its combining accent, as a PDF
          // may hold it, compare equal to the same letter precomposed.
          [...char.normalize('NFKD').toLowerCase()].map((piece) => {
            const mapped = EQUIVALENT[piece] ?? piece;
            return /\s/u.test(mapped) ? null : mapped;
          });
    if (piecesOf.size < 10_000) piecesOf.set(char, pieces);
  }
  return pieces;
}

/** The comparable form of a text, with the way back to the original's positions. */
export function normalizeForQuote(original: string): Normalized {
  let text = '';
  const origin: number[] = [];
  let pendingSpace = false;
  let last = '';
  let index = 0;
  for (const char of original) {
    const at = index;
    index += char.length;
    for (const mapped of comparablePieces(char)) {
      if (mapped === null) {
        pendingSpace = text.length > 0;
        continue;
      }
      // Spacing around a dash varies by style ("taxes—not", "taxes – not"): none is kept.
      if (pendingSpace && !(mapped === '-' || last === '-')) {
        text += ' ';
        origin.push(at);
      }
      pendingSpace = false;
      text += mapped;
      // Not text.endsWith: it would flatten the string being built at every character.
      last = mapped.at(-1) ?? '';
      // One entry per UTF-16 unit, as `text` is indexed.
      for (let unit = 0; unit < mapped.length; unit += 1) origin.push(at);
    }
  }
  return { text, origin };
}

export type QuoteMatch =
  | { found: true; before: string; match: string; after: string }
  | { found: false };

/** How much of the page is shown on each side of a quote found in it. */
const CONTEXT_CHARS = 160;

/**
 * Looks for `quote` in `pageText`. When found, returns the passage as it is on the page: the
 * words matched and up to CONTEXT_CHARS of text on each side, cut at word boundaries.
 */
export function findQuote(quote: string, pageText: string): QuoteMatch {
  const wanted = normalizeForQuote(quote).text;
  if (!wanted) return { found: false };
  const page = normalizeForQuote(pageText);
  const at = page.text.indexOf(wanted);
  if (at < 0) return { found: false };
  const start = page.origin[at] ?? 0;
  const lastChar = page.origin[at + wanted.length - 1] ?? start;
  // The end of the last matched character (which may be two UTF-16 units long).
  const end = lastChar + (pageText.codePointAt(lastChar)! > 0xffff ? 2 : 1);
  return {
    found: true,
    before: leadingContext(pageText.slice(Math.max(0, start - CONTEXT_CHARS), start), start),
    match: pageText.slice(start, end),
    after: trailingContext(pageText.slice(end, end + CONTEXT_CHARS), end, pageText.length),
  };
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ');

function leadingContext(text: string, start: number): string {
  const cut = start > CONTEXT_CHARS ? text.replace(/^\S*\s/, '') : text;
  return `${start > CONTEXT_CHARS ? '…' : ''}${squeeze(cut).trimStart()}`;
}

function trailingContext(text: string, end: number, length: number): string {
  const more = end + CONTEXT_CHARS < length;
  const cut = more ? text.replace(/\s\S*$/, '') : text;
  return `${squeeze(cut).trimEnd()}${more ? '…' : ''}`;
}
