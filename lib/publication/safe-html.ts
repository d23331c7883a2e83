import { normalizeLinkUrl } from '@/lib/content/link-url';
import { xmlSafe } from '@/lib/content/safe-text';

/**
 * HTML by construction: markup comes only from the literal parts of `html` templates, and every
 * interpolated value is escaped unless it is SafeHtml made here. A value that is a whole link
 * address (`href="${url}"`) must be an allowed link (http, https, mailto, or a path or fragment
 * of this site); any other becomes `about:invalid`. Pure: runs on the server and in the browser.
 */

const madeHere = Symbol('SafeHtml');

export class SafeHtml {
  readonly #html: string;

  /** Only this module holds the key: no other code can pass a string off as SafeHtml. */
  constructor(key: symbol, html: string) {
    if (key !== madeHere) throw new TypeError('SafeHtml is made by html`…` only.');
    this.#html = html;
  }

  toString(): string {
    return this.#html;
  }
}

/** What a template may interpolate; null, undefined and false show nothing, lists show each item. */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | null
  | undefined
  | false
  | readonly HtmlValue[];

/** Text or attribute value: characters XML cannot hold removed, markup and quotes escaped. */
function escapeText(value: string): string {
  return xmlSafe(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// The attribute's value starts with the interpolation: it is a whole address.
const ADDRESS_ATTRIBUTE = /\s(?:href|src|action|formaction|cite)="$/i;
// Places where escaping does not make text safe: an event handler, a style, an unquoted value.
const UNSAFE_PLACE = /\s(?:on[a-z]+|style)="[^"]*$|\s[a-z-]+=$/i;
const RAW_TEXT_OPEN = /<(?:script|style)\b/gi;
const RAW_TEXT_CLOSE = /<\/(?:script|style)\b/gi;

/** A link address a page may hold, or `about:invalid` for any other. */
function safeAddress(value: string): string {
  if (/^#\S*$/.test(value) || /^\/(?![/\\])\S*$/.test(value)) return value;
  return normalizeLinkUrl(value) ?? 'about:invalid';
}

function render(value: HtmlValue, isAddress: boolean): string {
  if (value instanceof SafeHtml) return value.toString();
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map((item) => render(item, false)).join('');
  const text = String(value);
  return escapeText(isAddress ? safeAddress(xmlSafe(text)) : text);
}

/** The one way to write HTML: a tagged template whose interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  if (!Array.isArray(strings.raw)) throw new TypeError('html is a tagged template.');
  let out = strings[0] ?? '';
  let rawTextDepth = 0;
  values.forEach((value, index) => {
    const before = strings[index] ?? '';
    rawTextDepth +=
      (before.match(RAW_TEXT_OPEN)?.length ?? 0) - (before.match(RAW_TEXT_CLOSE)?.length ?? 0);
    if (rawTextDepth > 0 || UNSAFE_PLACE.test(before)) {
      throw new TypeError(`html: no value may be interpolated after “${before.slice(-30)}”.`);
    }
    out += render(value, ADDRESS_ATTRIBUTE.test(before));
    out += strings[index + 1] ?? '';
  });
  return new SafeHtml(madeHere, out);
}

/** Pieces of HTML with a separator between those that are not empty. */
export function joinHtml(parts: readonly HtmlValue[], separator: SafeHtml): SafeHtml {
  const shown = parts.map((part) => render(part, false)).filter((part) => part !== '');
  return new SafeHtml(madeHere, shown.join(separator.toString()));
}

/**
 * A `<script type="application/ld+json">` element holding `value`: data, which no browser runs
 * and no CSP blocks. `<` is escaped so that no text can close the element; characters no page
 * may hold are removed (C0 controls and lone surrogates are \u escapes in JSON already).
 */
export function jsonLdScript(value: unknown): SafeHtml {
  const json = xmlSafe(JSON.stringify(value) ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return new SafeHtml(madeHere, `<script type="application/ld+json">${json}</script>`);
}
