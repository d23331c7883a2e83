import type { Node } from '@tiptap/pm/model';
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

/** Every position inside a text block of `doc`: where typing can happen, for random edits. */
export function textPositions(doc: Node): number[] {
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      for (let offset = 0; offset <= node.content.size; offset++) positions.push(pos + 1 + offset);
      return false;
    }
    return true;
  });
  return positions;
}
