/**
 * Characters that text typed into Factdesk may not hold, and how outputs stay safe whatever is
 * stored. Pure: used by every zod schema at the boundary and by every renderer.
 */
import { z } from 'zod';

// C0 controls other than tab, line feed and carriage return; DEL and the C1 controls; the two
// non-characters XML refuses. Lone surrogates are found separately (a regex cannot pair them).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is this module's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Bidirectional formatting characters: legitimate in right-to-left prose, a spoofing tool in an
// address (U+202E turns `moc.elgoog` into `google.com` on screen).
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `value` cannot be stored ("a control character (U+0002)"), or null when it can. */
export function unsafeCharacter(value: string): string | null {
  const control = CONTROL.exec(value);
  if (control) return `a control character (${codePoint(control[0])})`;
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `an unpaired surrogate (${codePoint(surrogate[0])})`;
  return null;
}

/** Why an address cannot be stored: unsafe characters, or a bidirectional control. */
export function unsafeUrlCharacter(value: string): string | null {
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) return `a bidirectional control character (${codePoint(bidi[0])})`;
  return unsafeCharacter(value);
}

/** The message shown next to a field holding an unsafe character. */
export function unsafeCharacterMessage(field: string, problem: string): string {
  return `${field} contains ${problem}, which cannot be saved. Remove it and try again.`;
}

/** A zod string refused when it holds a character no field may store; the message names the field. */
export function safeString(field: string) {
  return z.string().superRefine((value, ctx) => {
    const problem = unsafeCharacter(value);
    if (problem) ctx.addIssue({ code: 'custom', message: unsafeCharacterMessage(field, problem) });
  });
}

/** As `safeString`, for an address: bidirectional controls are refused too. */
export function safeUrlString(field: string) {
  return z.string().superRefine((value, ctx) => {
    const problem = unsafeUrlCharacter(value);
    if (problem) ctx.addIssue({ code: 'custom', message: unsafeCharacterMessage(field, problem) });
  });
}

const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is this module's job
  /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** Text with every character XML 1.0 cannot hold removed: for any XML or HTML output. */
export function xmlSafe(value: string): string {
  return value.replace(NOT_XML, '');
}

/**
 * An address as structured data holds it (JSON-LD): bidirectional controls percent-encoded, the
 * same address to a browser (its URL parser encodes them anyway), but nothing that reorders what
 * a consumer of the data shows.
 */
export function dataSafeUrl(value: string): string {
  return xmlSafe(value).replace(new RegExp(BIDI_CONTROL.source, 'g'), (char) =>
    encodeURIComponent(char),
  );
}

/** An address as shown to people: bidirectional controls and invisible characters removed. */
export function displaySafeUrl(value: string): string {
  return xmlSafe(value).replace(new RegExp(BIDI_CONTROL.source, 'g'), '');
}
