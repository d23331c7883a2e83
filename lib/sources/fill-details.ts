/**
 * What the source form does with fetched details: it fills only the fields that are still
 * empty (what the editor typed stays), and says in one status line what it filled, what it kept
 * and what it could not find. Pure, for the browser: it imports nothing but types.
 */
import type { SourceFields } from '@/lib/content/document';
import type { SourceDetailsResult } from './details';

type Found = Extract<SourceDetailsResult, { ok: true }>;

const FIELD_ORDER = ['url', 'title', 'publisher', 'author', 'publishedAt'] as const;
type Filled = (typeof FIELD_ORDER)[number];

const NAMES: Record<Filled, string> = {
  url: 'URL',
  title: 'title',
  publisher: 'publisher',
  author: 'author',
  publishedAt: 'published date',
};

/** "a", "a and b", "a, b and c". */
function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The form's values with the details filled into empty fields (and, for a DOI typed as such, the
 * URL field set to its https://doi.org address), and the sentence that says what happened.
 */
export function fillDetails(
  values: SourceFields,
  found: Found,
): { values: SourceFields; filled: Filled[]; message: string } {
  const next = { ...values };
  const filled: Filled[] = [];
  const kept: Filled[] = [];
  let same = false;
  // A bare DOI is no address the URL field accepts: its doi.org address replaces it.
  if (found.url && !/^https?:\/\//i.test(values.url.trim())) {
    next.url = found.url;
    filled.push('url');
  }
  for (const field of FIELD_ORDER) {
    if (field === 'url') continue;
    const value = found.fields[field];
    if (!value) continue;
    const current = values[field].trim();
    if (current === '') {
      next[field] = value;
      filled.push(field);
    } else if (current === value) same = true;
    else kept.push(field);
  }
  const sentences: string[] = [];
  if (filled.length > 0) sentences.push(`Filled ${list(filled.map((field) => NAMES[field]))}.`);
  if (kept.length > 0) {
    sentences.push(`Kept what you typed for ${list(kept.map((field) => NAMES[field]))}.`);
  }
  if (filled.length === 0 && kept.length === 0) {
    sentences.push(same ? 'The details found are those already filled in.' : 'No details found.');
  }
  if (found.missing.length > 0) {
    sentences.push(`Not found: ${list(found.missing.map((field) => NAMES[field]))}.`);
  }
  return { values: next, filled, message: sentences.join(' ') };
}
