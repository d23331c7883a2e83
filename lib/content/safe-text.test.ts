import { describe, expect, it } from 'vitest';
import {
  displaySafeUrl,
  safeString,
  safeUrlString,
  unsafeCharacter,
  unsafeUrlCharacter,
  xmlSafe,
} from './safe-text';

describe('safe text', () => {
  it('accepts prose, tabs, line breaks, emoji and right-to-left text', () => {
    for (const text of ['Plain text.', 'a\tb\nc\r\nd', 'NATO 🇺🇸 €', 'مرحبا \u200F', '']) {
      expect(unsafeCharacter(text)).toBeNull();
    }
  });

  it('names control characters and unpaired surrogates', () => {
    expect(unsafeCharacter('a\u0002b')).toBe('a control character (U+0002)');
    expect(unsafeCharacter('\u0000')).toBe('a control character (U+0000)');
    expect(unsafeCharacter('x\u009b')).toBe('a control character (U+009B)');
    expect(unsafeCharacter('x\ud800y')).toBe('an unpaired surrogate (U+D800)');
    expect(unsafeCharacter('\udc00')).toBe('an unpaired surrogate (U+DC00)');
  });

  it('refuses bidirectional controls in addresses only', () => {
    expect(unsafeUrlCharacter('https://example.org/\u202Egpj.exe')).toBe(
      'a bidirectional control character (U+202E)',
    );
    expect(unsafeCharacter('https://example.org/\u202Egpj.exe')).toBeNull();
  });

  it('gives zod messages that name the field', () => {
    const result = safeString('Question').safeParse('Is \u0002 true?');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'Question contains a control character (U+0002), which cannot be saved. Remove it and try again.',
    );
    expect(safeUrlString('URL').safeParse('https://a.example/\u2066').success).toBe(false);
  });

  it('makes any stored text safe for XML and for display', () => {
    expect(xmlSafe('a\u0002b\u0000c\ud800d\uffffe 🇺🇸\t\n')).toBe('abcde 🇺🇸\t\n');
    expect(displaySafeUrl('example.org/\u202Eexe.gpj')).toBe('example.org/exe.gpj');
  });
});
