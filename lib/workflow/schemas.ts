import { z } from 'zod';
import { DOCUMENT_LIMITS } from '@/lib/content/document';
import { RECORD_ID } from '@/lib/content/record-id';
import { safeString } from '@/lib/content/safe-text';
import { versionNumberSchema } from '@/lib/content/version-number';

/**
 * What the workflow forms may send. Dates and states are never among them: "Checked on" is
 * stamped by the server, and zod drops any other field a client adds.
 */
const briefId = z.uuid({ error: 'Unknown brief.' });
const versionNumber = versionNumberSchema;
// Source ids as the brief document allows them, at most as many as a brief holds sources.
const sourceIds = z
  .string()
  .default('')
  .transform((value) => value.split(',').filter(Boolean))
  .pipe(
    z
      .array(z.string().regex(RECORD_ID, 'Invalid source.'))
      .max(DOCUMENT_LIMITS.sources, 'Too many sources.'),
  );
// For each source, the SHA-256 of the captured content the review screen showed (null: none), as
// JSON: the approval binds what the reviewer saw, or is refused if the capture changed since.
const seenCaptures = z
  .string()
  .default('{}')
  .transform((value, context) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'The captures shown are unreadable.' });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string().regex(RECORD_ID, 'Invalid source.'),
      z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'Invalid capture.')
        .nullable(),
    ),
  );
const noteKind = z.enum(['correction', 'clarification', 'update'], {
  error: 'Choose a kind of note.',
});
/** Required text; `field` names it in the message about a character that cannot be stored. */
const text = (field: string, message: string) =>
  safeString(field).trim().min(1, message).max(5000, 'At most 5,000 characters.');

/** How long the notice on an unpublished brief's page may be. */
export const WITHDRAWAL_NOTICE_MAX = 1000;

export const submitSchema = z.object({ briefId });
export const approveSchema = z.object({
  briefId,
  versionNumber,
  verifiedSourceIds: sourceIds,
  seenCaptures,
});
export const requestChangesSchema = z.object({
  briefId,
  versionNumber,
  comment: text('The comment', 'Say what needs to change.'),
});
export const publishSchema = z.object({
  briefId,
  versionNumber,
  change: z.enum(['none', 'typo', 'correction', 'clarification', 'update']).default('none'),
  note: safeString('The note').trim().max(5000).default(''),
});
export const recheckSchema = z.object({ briefId, verifiedSourceIds: sourceIds, seenCaptures });
export const unpublishSchema = z.object({
  briefId,
  reason: text('The reason', 'Say why it comes down (for the audit log).'),
  /** Shown on the brief's 410 page; optional. */
  notice: safeString('The notice for readers')
    .trim()
    .max(
      WITHDRAWAL_NOTICE_MAX,
      `At most ${WITHDRAWAL_NOTICE_MAX.toLocaleString('en-US')} characters.`,
    )
    .default(''),
});
export const correctionSchema = z.object({
  briefId,
  kind: noteKind,
  note: text('The note', 'Write the note readers will see.'),
});
