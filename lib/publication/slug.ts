import slugify from '@sindresorhus/slugify';

const MAX_SLUG_LENGTH = 80;

/** The URL slug a question gets: lowercase words joined by dashes, at most 80 characters. */
export function slugFromQuestion(question: string): string {
  const full = slugify(question);
  if (full.length <= MAX_SLUG_LENGTH) return full || 'brief';
  // Cut at a word boundary, never in the middle of a word.
  const cut = full.slice(0, MAX_SLUG_LENGTH + 1);
  return cut.slice(0, cut.lastIndexOf('-')) || full.slice(0, MAX_SLUG_LENGTH);
}

/** The first of `base`, `base-2`, `base-3`… that is not taken. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
