import { describe, expect, it } from 'vitest';
import type { BriefDocument } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';
import { makeSource } from '@/lib/content/test-fixtures';
import { blockTextsOfJson } from './document-json';
import { type LocalCopy, LocalCopyStore } from './local-copy';

/** An in-memory Storage that counts writes. */
function memoryStorage(limit = Infinity) {
  const items = new Map<string, string>();
  const storage = {
    writes: [] as string[],
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem(key: string, value: string) {
      if (items.size >= limit && !items.has(key)) throw new Error('QuotaExceededError');
      storage.writes.push(key);
      items.set(key, value);
    },
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
    items,
  };
  return storage;
}

const paragraph = (text: string): RichNode => ({
  type: 'paragraph',
  content: [{ type: 'text', text }],
});
const doc = (...texts: string[]): RichNode => ({ type: 'doc', content: texts.map(paragraph) });

const document = (body: RichNode): BriefDocument => ({
  question: 'Is it true?',
  summary: doc('Summary.'),
  body,
  limitations: doc('Limits.'),
  relatedQuestions: [{ text: 'Why?' }],
  sources: [makeSource('a')],
});

const copyOf = (document: BriefDocument): LocalCopy => ({
  fields: {
    question: document.question,
    relatedQuestions: document.relatedQuestions,
    sources: document.sources,
  },
  parts: {
    summary: blockTextsOfJson(document.summary),
    body: blockTextsOfJson(document.body),
    limitations: blockTextsOfJson(document.limitations),
  },
  baseRevision: 3,
  baseNumber: 2,
  writerKeys: ['k'],
  savedLocallyAt: '2026-12-01T10:00:00.000Z',
});

describe('local copy', () => {
  it('reads back what it wrote', () => {
    const storage = memoryStorage();
    const store = new LocalCopyStore(() => storage, 'brief');
    const written = document(doc('One.', 'Two.', 'Three.'));
    expect(store.write(copyOf(written))).toBe(true);
    expect(new LocalCopyStore(() => storage, 'brief').read()).toEqual({
      document: written,
      baseRevision: 3,
      baseNumber: 2,
      writerKeys: ['k'],
      savedLocallyAt: '2026-12-01T10:00:00.000Z',
    });
  });

  it('writes only the blocks that changed, and removes those no longer named', () => {
    const storage = memoryStorage();
    const store = new LocalCopyStore(() => storage, 'brief');
    store.write(copyOf(document(doc('One.', 'Two.', 'Three.'))));
    const before = storage.items.size;
    storage.writes.length = 0;
    store.write(copyOf(document(doc('One.', 'Two, edited.', 'Three.'))));
    // The changed block and the entry that lists the blocks.
    expect(storage.writes).toHaveLength(2);
    expect(storage.items.size).toBe(before);
    expect(store.read()?.document.body).toEqual(doc('One.', 'Two, edited.', 'Three.'));
  });

  it('takes over the blocks of a copy written before, and clears them all', () => {
    const storage = memoryStorage();
    new LocalCopyStore(() => storage, 'brief').write(copyOf(document(doc('Old.'))));
    new LocalCopyStore(() => storage, 'other').write(copyOf(document(doc('Other.'))));
    const store = new LocalCopyStore(() => storage, 'brief');
    store.write(copyOf(document(doc('New.'))));
    const keys = [...storage.items.keys()];
    expect(keys.filter((key) => key.startsWith('factdesk:unsaved:brief')).length).toBe(
      keys.filter((key) => key.startsWith('factdesk:unsaved:other')).length,
    );
    store.clear();
    expect([...storage.items.keys()].every((key) => key.startsWith('factdesk:unsaved:other'))).toBe(
      true,
    );
    expect(store.read()).toBeNull();
  });

  it('reads a copy written whole by an earlier editor, and refuses a copy with a block missing', () => {
    const storage = memoryStorage();
    const whole = {
      document: document(doc('Whole.')),
      baseRevision: 1,
      baseNumber: 1,
      savedLocallyAt: 'x',
    };
    storage.setItem('factdesk:unsaved:brief', JSON.stringify(whole));
    expect(new LocalCopyStore(() => storage, 'brief').read()).toEqual(whole);

    const store = new LocalCopyStore(() => storage, 'brief');
    store.write(copyOf(document(doc('One.'))));
    const block = [...storage.items.keys()].find((key) =>
      key.startsWith('factdesk:unsaved:brief:'),
    );
    storage.removeItem(block!);
    expect(store.read()).toBeNull();
  });

  it('says so when the browser refuses, and keeps the copy it had', () => {
    const storage = memoryStorage();
    const store = new LocalCopyStore(() => storage, 'brief');
    store.write(copyOf(document(doc('Kept.'))));
    const full = memoryStorage(0);
    for (const [key, value] of storage.items) full.items.set(key, value);
    const refusing = new LocalCopyStore(() => full, 'brief');
    expect(refusing.write(copyOf(document(doc('Too much.'))))).toBe(false);
    expect(refusing.read()?.document.body).toEqual(doc('Kept.'));
    const unavailable = new LocalCopyStore(() => {
      throw new Error('SecurityError');
    }, 'brief');
    expect(unavailable.write(copyOf(document(doc('x'))))).toBe(false);
    expect(unavailable.read()).toBeNull();
  });
});
