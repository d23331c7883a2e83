import { describe, expect, it } from 'vitest';
import { decodeImportFile } from './input';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeImportFile', () => {
  it('reads UTF-8 text and drops a byte-order mark', () => {
    expect(decodeImportFile(utf8('\uFEFFDid it happen?\n'), 'brief.txt')).toEqual({
      ok: true,
      text: 'Did it happen?\n',
    });
  });

  it('reads UTF-16 text with a byte-order mark, as word processors save it', () => {
    const text = 'Did it happen? “Yes”';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i += 1) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect(decodeImportFile(bytes, 'brief.md')).toEqual({ ok: true, text });
  });

  it.each([
    ['an empty file', new Uint8Array(), 'brief.txt', /“brief.txt” is empty/],
    ['a file with only spaces', utf8('  \n '), 'brief.txt', /no text to import/],
    [
      'a PNG image',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'brief.txt',
      /not a text file/,
    ],
    [
      'binary data that happens to be valid UTF-8',
      utf8('GIF89a\u0000\u0001\u0002'),
      'brief.txt',
      /not plain text/,
    ],
    [
      'invalid UTF-8',
      new Uint8Array([0x44, 0x69, 0x64, 0xff, 0xfe, 0x41]),
      'brief.txt',
      /not a text file in UTF-8/,
    ],
    ['a Word document', utf8('PK...'), 'brief.docx', /not a .txt or .md file/],
    [
      'a file over the limit',
      utf8(`Q?\n${'a'.repeat(2_000_001)}`),
      'big.txt',
      /import limit is 1 MB/,
    ],
    ['text over the limit', utf8(`Q?\n${'a'.repeat(1_000_001)}`), 'big.md', /import limit is 1 MB/],
  ])('refuses %s with a clear message', (_name, bytes, name, message) => {
    const result = decodeImportFile(bytes, name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
