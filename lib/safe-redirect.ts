/** A same-site path to return to after signing in; anything else falls back to `/desk`. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/desk';
  if (value.includes('\\') || /[\u0000-\u001f]/.test(value)) return '/desk';
  return value;
}
