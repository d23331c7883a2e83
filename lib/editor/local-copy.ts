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
  fields: Pick<BriefDocument, 'question' | 'relatedQuestions' | 'sources' | 'claimReview'>;
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

/** How much longer the current slice of idle time lasts, in milliseconds. */
export type TimeLeft = () => number;

/** Runs `work` when the page is idle (requestIdleCallback in a browser). */
export type IdleScheduler = (work: (timeLeft: TimeLeft) => void) => void;

/**
 * A brief's local copy in the browser's storage (localStorage). The rich-text parts are stored
 * a block a key, named by a hash of the block's text, and one entry lists them: a new copy
 * writes only the blocks that changed and that entry, so keeping the copy a second behind the
 * typing stays cheap in a long brief.
 *
 * Writing is done in slices of idle time, because the first copy of a long brief writes every
 * block (550 blocks of a 50,000-word brief took 10-20 ms, one keystroke's frame lost while
 * typing); `flush()` finishes at once when the page is hidden or a save is sent. The entry is
 * written only once all its blocks are, and blocks are removed only when no entry written since
 * names them, so a crash at any moment leaves a whole copy.
 */
export class LocalCopyStore {
  /** Block keys in storage, as far as this store knows (written, or found by `scan`). */
  private readonly present = new Set<string>();
  /** The blocks of the entry this store wrote last, and the copy it was written from. */
  private named = new Set<string>();
  private lastWritten: LocalCopy | null = null;
  private pending: LocalCopy | null = null;
  private scanned = false;
  private idleRequested = false;

  constructor(
    private readonly storage: () => Storage,
    private readonly briefId: string,
    private readonly whenIdle: IdleScheduler = (work) => work(() => Infinity),
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
          ...(stored.fields.claimReview ? { claimReview: stored.fields.claimReview } : {}),
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

  /** Writes `copy` in the page's idle time (a later copy replaces one not written yet). */
  schedule(copy: LocalCopy): void {
    this.pending = copy;
    this.requestIdle();
  }

  /** Writes `copy` now. Returns false when the browser refused (storage full or disabled). */
  write(copy: LocalCopy): boolean {
    this.pending = copy;
    return this.flush();
  }

  /** Finishes what is scheduled now. Returns false when the browser refused. */
  flush(): boolean {
    return this.work(() => Infinity) !== 'refused';
  }

  /** Whether this store has written, or will write, a copy of this page's own edits. */
  hasOwnCopy(): boolean {
    return this.pending !== null || this.lastWritten !== null;
  }

  /**
   * Another page removed `key` (the browser's storage event): when it was one of this store's
   * blocks, the copy is written again, so that the entry never names a missing block for long.
   */
  removedElsewhere(key: string): void {
    if (!this.present.delete(key) || !this.named.has(key)) return;
    this.named.delete(key);
    if (!this.pending && this.lastWritten) this.schedule(this.lastWritten);
  }

  /** Removes the copy (its entry now, its blocks in idle time). */
  clear(): void {
    this.pending = null;
    this.lastWritten = null;
    this.named = new Set();
    try {
      this.storage().removeItem(this.entryKey);
    } catch {
      // Storage unavailable: nothing to clear.
    }
    this.requestIdle();
  }

  private requestIdle(): void {
    if (this.idleRequested) return;
    this.idleRequested = true;
    this.whenIdle((timeLeft) => {
      this.idleRequested = false;
      if (this.work(timeLeft) === 'more') this.requestIdle();
    });
  }

  /** Writes the pending copy, then removes blocks no entry names, while there is time. */
  private work(timeLeft: TimeLeft): 'done' | 'more' | 'refused' {
    try {
      const storage = this.storage();
      if (!this.scanned) {
        // Blocks of copies written before this page was opened.
        for (const key of this.storedBlockKeys(storage)) this.present.add(key);
        this.scanned = true;
      }
      const copy = this.pending;
      if (copy) {
        const named = new Set<string>();
        for (const part of richTextParts) {
          for (const block of copy.parts[part]) {
            const key = this.blockKey(block.hash);
            named.add(key);
            if (this.present.has(key)) continue;
            if (timeLeft() <= 0) return 'more';
            storage.setItem(key, block.json);
            this.present.add(key);
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
        this.pending = null;
        this.lastWritten = copy;
        this.named = named;
      }
      for (const key of this.present) {
        if (this.named.has(key)) continue;
        if (timeLeft() <= 0) return 'more';
        storage.removeItem(key);
        this.present.delete(key);
      }
      return 'done';
    } catch {
      return 'refused';
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
