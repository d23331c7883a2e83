import { z } from 'zod';
import { MAX_EARLIER_SAVE_KEYS } from '@/lib/editor/save-timing';

/** The body of a save (the document inside is checked by parseBriefDocument). */
export const saveRequestSchema = z
  .object({
    baseRevision: z.number().int().positive(),
    // The version the text started from when it is no longer the head (kept after a conflict).
    baseNumber: z.number().int().positive().max(2_147_483_647).optional(),
    kind: z.enum(['autosave', 'save']),
    document: z.unknown(),
    // Idempotence: the editor's key, and those of earlier editors of this text on the device.
    saveKey: z.uuid().optional(),
    earlierKeys: z.array(z.uuid()).max(MAX_EARLIER_SAVE_KEYS).optional(),
  })
  .strict();
