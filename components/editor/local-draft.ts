import type { BriefDocument } from '@/lib/content/document';

/** Edits the server has not confirmed yet, kept in this browser until it does. */
export interface LocalDraft {
  document: BriefDocument;
  baseRevision: number;
  baseNumber: number;
  /** The keys this text was saved under (see use-save-queue); absent in older copies. */
  writerKeys?: string[];
  savedLocallyAt: string;
}

const key = (briefId: string) => `factdesk:unsaved:${briefId}`;

export function readLocalDraft(briefId: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key(briefId));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

/** Returns false when the browser refused (storage full or disabled). */
export function writeLocalDraft(briefId: string, draft: LocalDraft): boolean {
  try {
    window.localStorage.setItem(key(briefId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearLocalDraft(briefId: string): void {
  try {
    window.localStorage.removeItem(key(briefId));
  } catch {
    // Storage unavailable: nothing to clear.
  }
}
