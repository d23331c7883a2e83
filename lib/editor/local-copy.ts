import type { BriefDocument } from '@/lib/content/document';
import { type RichTextPart, richTextParts } from '@/lib/content/extensions';
import type { RichNode } from '@/lib/content/numbering';
import type { BlockText } from './document-json';

/** Edits the server has not confirmed yet, kept in this browser until it does. */
export interface LocalDraft {
  document: BriefDocument;
  baseRevision: number;
  baseNumber: number;
  /** The keys this text was saved under (see save-machine); absent in older copies. */
  writerKeys?: string[];
  savedLocallyAt: string;
}

/** What a copy is written from: the parts as their blocks' text, the rest as it is. */
export interface LocalCopy {
  fields: Pick<BriefDocument, 'question' | 'relatedQuestions' | 'sources'>;
  parts: Record<RichTextPart, readonly BlockText[]>;
  baseRevision: number;
  baseNumber: number;
  writerKeys: string[];
  savedLocallyAt: string;
}

/** The entry that names a copy's blocks (and holds everything else). */
interface StoredCopy extends Omit<LocalCopy, 'parts'> {
  parts: Record<RichTextPart, string[]>;
}

const PREFIX = 'factdesk:unsaved:';

/**
 * A brief's local copy in the browser's storage (localStorage). The rich-text parts are stored
 * a block a key, named by a hash of the block's text, and one entry lists them: a new copy
 * writes only the blocks that changed and that entry, so keeping the copy a second behind the
 * typing stays cheap in a long brief. Blocks are removed after the entry that stops naming
 * them is written, so a crash at any moment leaves a whole copy.
 */
export class LocalCopyStore {
  /** Block keys this store wrote (or found) and has not removed. */
  private readonly written = new Set<string>();
  private swept = false;

  constructor(
    private readonly storage: () => Storage,
    private readonly briefId: string,
  ) {}

  private get entryKey() {
    return `${PREFIX}${this.briefId}`;
  }

  private blockKey(hash: string) {
    return `${PREFIX}${this.briefId}:${hash}`;
  }

  read(): LocalDraft | null {
    try {
      const storage = this.storage();
      const raw = storage.getItem(this.entryKey);
      if (!raw) return null;
      const stored = JSON.parse(raw) as StoredCopy | LocalDraft;
      // A copy written whole, by an earlier version of the editor.
      if ('document' in stored) return stored;
      const part = (hashes: string[]): RichNode => {
        const content = hashes.map((hash) => {
          const block = storage.getItem(this.blockKey(hash));
          if (block === null) throw new Error('A block of the local copy is missing.');
          return JSON.parse(block) as RichNode;
        });
        return content.length ? { type: 'doc', content } : { type: 'doc' };
      };
      return {
        document: {
          question: stored.fields.question,
          summary: part(stored.parts.summary),
          body: part(stored.parts.body),
          limitations: part(stored.parts.limitations),
          relatedQuestions: stored.fields.relatedQuestions,
          sources: stored.fields.sources,
        },
        baseRevision: stored.baseRevision,
        baseNumber: stored.baseNumber,
        writerKeys: stored.writerKeys,
        savedLocallyAt: stored.savedLocallyAt,
      };
    } catch {
      return null;
    }
  }

  /** Returns false when the browser refused (storage full or disabled). */
  write(copy: LocalCopy): boolean {
    try {
      const storage = this.storage();
      const named = new Set<string>();
      for (const part of richTextParts) {
        for (const block of copy.parts[part]) {
          const key = this.blockKey(block.hash);
          named.add(key);
          if (this.written.has(key)) continue;
          storage.setItem(key, block.json);
          this.written.add(key);
        }
      }
      const stored: StoredCopy = {
        ...copy,
        parts: {
          summary: copy.parts.summary.map((block) => block.hash),
          body: copy.parts.body.map((block) => block.hash),
          limitations: copy.parts.limitations.map((block) => block.hash),
        },
      };
      storage.setItem(this.entryKey, JSON.stringify(stored));
      if (!this.swept) {
        // Blocks of copies written before this page was opened.
        for (const key of this.storedBlockKeys(storage)) this.written.add(key);
        this.swept = true;
      }
      for (const key of this.written) {
        if (named.has(key)) continue;
        storage.removeItem(key);
        this.written.delete(key);
      }
      return true;
    } catch {
      return false;
    }
  }

  clear(): void {
    try {
      const storage = this.storage();
      storage.removeItem(this.entryKey);
      for (const key of this.storedBlockKeys(storage)) storage.removeItem(key);
      this.written.clear();
      this.swept = true;
    } catch {
      // Storage unavailable: nothing to clear.
    }
  }

  private storedBlockKeys(storage: Storage): string[] {
    const prefix = `${this.entryKey}:`;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    return keys;
  }
}
