/** Link targets allowed in briefs: http, https and mailto, nothing else (no javascript:, data:). */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The normalized URL when it is an allowed link target, otherwise null. Browsers ignore control
 * characters and surrounding whitespace in URLs (`java\tscript:`), so those are refused too
 * rather than stripped.
 */
export function normalizeLinkUrl(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed || [...trimmed].some((char) => char.charCodeAt(0) < 0x21 && char !== ' ')) {
    return null;
  }
  if (/\s/.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}

export function isAllowedLinkUrl(value: string): boolean {
  return normalizeLinkUrl(value) !== null;
}

/** Sources and archive copies: http and https only. */
export function isHttpUrl(value: string): boolean {
  const normalized = normalizeLinkUrl(value);
  return normalized !== null && /^https?:/.test(normalized);
}
