/** The largest text Factdesk imports: far above any real brief, well below the save limit. */
export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_LIMIT_LABEL = '1 MB';

const allowedExtensions = /\.(txt|md|markdown|text)$/i;
// Control characters other than tab, line feed, form feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

export type TextCheck = { ok: true; text: string } | { ok: false; error: string };

function sizeLabel(bytes: number): string {
  return bytes >= 1_000_000
    ? `${(bytes / 1_000_000).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1000).toLocaleString('en-US')} KB`;
}

/** Pasted or decoded text: not empty, not too long, not binary. */
export function checkImportText(text: string): TextCheck {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > IMPORT_MAX_BYTES) {
    return {
      ok: false,
      error: `The text is ${sizeLabel(bytes)}; the import limit is ${IMPORT_LIMIT_LABEL}. Split it into several briefs.`,
    };
  }
  if (!text.trim()) return { ok: false, error: 'There is no text to import.' };
  if (CONTROL.test(text)) {
    return {
      ok: false,
      error:
        'This is not plain text: it contains control characters, as binary files do. Import takes plain text or Markdown (.txt or .md).',
    };
  }
  return { ok: true, text };
}

/**
 * The text of an uploaded file: `.txt`/`.md` only, UTF-8 (or UTF-16 with a byte-order mark, as
 * some word processors save "Unicode text"), within the size limit.
 */
export function decodeImportFile(bytes: Uint8Array, fileName: string): TextCheck {
  if (fileName && !allowedExtensions.test(fileName)) {
    return {
      ok: false,
      error: `“${fileName}” is not a .txt or .md file. Save the brief as plain text or Markdown first.`,
    };
  }
  if (bytes.length === 0) return { ok: false, error: `“${fileName}” is empty.` };
  if (bytes.length > IMPORT_MAX_BYTES * 2) {
    return {
      ok: false,
      error: `“${fileName}” is ${sizeLabel(bytes.length)}; the import limit is ${IMPORT_LIMIT_LABEL}.`,
    };
  }
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    } else {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
  } catch {
    return {
      ok: false,
      error: `“${fileName}” is not a text file in UTF-8. Open it in a text editor and save it as UTF-8 plain text or Markdown.`,
    };
  }
  return checkImportText(text);
}
