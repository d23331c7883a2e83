import type { Source } from './document';

/** A complete source record for tests. */
export function makeSource(id: string, overrides: Partial<Source> = {}): Source {
  return {
    id,
    url: `https://example.org/${id}`,
    title: `Source ${id}`,
    publisher: 'Example',
    author: '',
    publishedAt: '',
    accessedAt: '2026-11-27',
    archiveUrl: '',
    quote: '',
    note: '',
    ...overrides,
  };
}
