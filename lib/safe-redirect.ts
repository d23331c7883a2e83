/** A same-site path to return to after signing in; anything else falls back to `/desk`. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/desk';
  const hasControlCharacter = [...value].some((char) => char.charCodeAt(0) < 0x20);
  if (value.includes('\\') || hasControlCharacter) return '/desk';
  return value;
}
