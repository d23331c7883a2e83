import { describe, expect, it } from 'vitest';
import type { BriefDocument } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';
import { makeSource } from '@/lib/content/test-fixtures';
import { blockTextsOfJson } from './document-json';
import { type LocalCopy, LocalCopyStore, type TimeLeft } from './local-copy';

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

  describe('in idle time', () => {
    /** An idle scheduler run by hand: each slice allows `steps` storage writes or removals. */
    function idleSlices() {
      const waiting: ((timeLeft: TimeLeft) => void)[] = [];
      return {
        whenIdle: (work: (timeLeft: TimeLeft) => void) => void waiting.push(work),
        waiting,
        run(steps: number) {
          let left = steps;
          waiting.shift()?.(() => left--);
        },
      };
    }
    /** The blocks stored for the brief (its summary and limitations are one block each). */
    const blockKeys = (storage: ReturnType<typeof memoryStorage>) =>
      [...storage.items.keys()].filter((key) => key.startsWith('factdesk:unsaved:brief:'));

    it('writes a few blocks a slice, and the entry only once all its blocks are there', () => {
      const storage = memoryStorage();
      const idle = idleSlices();
      const store = new LocalCopyStore(() => storage, 'brief', idle.whenIdle);
      store.write(copyOf(document(doc('One.'))));
      store.schedule(copyOf(document(doc('A.', 'B.', 'C.', 'D.'))));
      expect(storage.writes).toHaveLength(4);
      idle.run(2);
      // A crash now finds the copy before: the new entry is not written yet.
      expect(new LocalCopyStore(() => storage, 'brief').read()?.document.body).toEqual(doc('One.'));
      idle.run(2);
      idle.run(2);
      expect(new LocalCopyStore(() => storage, 'brief').read()?.document.body).toEqual(
        doc('A.', 'B.', 'C.', 'D.'),
      );
      // The block of 'One.' goes in the next slice, once no entry names it.
      while (idle.waiting.length) idle.run(1);
      expect(blockKeys(storage)).toHaveLength(4 + 2);
    });

    it('finishes at once on flush, and a later copy replaces one not written yet', () => {
      const storage = memoryStorage();
      const idle = idleSlices();
      const store = new LocalCopyStore(() => storage, 'brief', idle.whenIdle);
      store.schedule(copyOf(document(doc('First.', 'Second.'))));
      idle.run(1);
      store.schedule(copyOf(document(doc('First.', 'Second, edited.'))));
      expect(store.flush()).toBe(true);
      expect(store.read()?.document.body).toEqual(doc('First.', 'Second, edited.'));
      while (idle.waiting.length) idle.run(1);
      expect(blockKeys(storage)).toHaveLength(2 + 2);
    });

    it('clears the entry at once and its blocks in idle time; a copy of its own is kept', () => {
      const storage = memoryStorage();
      const idle = idleSlices();
      const store = new LocalCopyStore(() => storage, 'brief', idle.whenIdle);
      expect(store.hasOwnCopy()).toBe(false);
      store.write(copyOf(document(doc('One.', 'Two.'))));
      expect(store.hasOwnCopy()).toBe(true);
      store.clear();
      expect(store.hasOwnCopy()).toBe(false);
      expect(store.read()).toBeNull();
      idle.run(1);
      expect(blockKeys(storage).length).toBeGreaterThan(0);
      while (idle.waiting.length) idle.run(1);
      expect(blockKeys(storage)).toHaveLength(0);
    });

    it('writes its copy again when another page removed one of its blocks', () => {
      const storage = memoryStorage();
      const idle = idleSlices();
      const mine = new LocalCopyStore(() => storage, 'brief', idle.whenIdle);
      mine.write(copyOf(document(doc('Mine.'))));
      // Another tab of the same brief writes its copy and removes the blocks it does not name.
      const block = blockKeys(storage).find((key) => storage.getItem(key)?.includes('Mine.'));
      new LocalCopyStore(() => storage, 'brief').write(copyOf(document(doc('Theirs.'))));
      expect(storage.getItem(block!)).toBeNull();
      mine.removedElsewhere(block!);
      while (idle.waiting.length) idle.run(10);
      expect(mine.read()?.document.body).toEqual(doc('Mine.'));
    });
  });
});
