import { z } from 'zod';
import { MAX_CONTEXT_LENGTH, MAX_QUOTE_LENGTH } from '@/lib/content/anchor-text';
import { type RichTextPart, richTextParts } from '@/lib/content/parts';
import { safeString } from '@/lib/content/safe-text';

export const threadNotFound = 'This comment thread does not exist.';

export const MAX_COMMENT_LENGTH = 5000;
/** Anchors one call may move: a brief holds far fewer threads. */
export const MAX_ANCHORS_PER_UPDATE = 1000;
/** Offsets fit in a Postgres integer; a brief (1 MB of JSON) never has that many characters. */
const MAX_OFFSET = 2_000_000;

const offset = (which: string) =>
  z
    .number({ error: `Give the ${which} of the commented text as a number.` })
    .int(`The ${which} of the commented text is a whole number.`)
    .min(0, `The ${which} of the commented text cannot be negative.`)
    .max(MAX_OFFSET, `The ${which} of the commented text is past the end of any brief.`);

const anchorFields = {
  part: z.enum(richTextParts, {
    error: 'Comment on the summary, the body or the limitations.',
  }),
  start: offset('start'),
  end: offset('end'),
  quote: safeString('The commented text')
    .min(1, 'Select the text to comment on.')
    .max(
      MAX_QUOTE_LENGTH,
      `The commented text has at most ${MAX_QUOTE_LENGTH.toLocaleString('en-US')} characters.`,
    ),
  prefix: safeString('The text before the commented text').max(
    MAX_CONTEXT_LENGTH,
    `The text before the commented text has at most ${MAX_CONTEXT_LENGTH} characters.`,
  ),
  suffix: safeString('The text after the commented text').max(
    MAX_CONTEXT_LENGTH,
    `The text after the commented text has at most ${MAX_CONTEXT_LENGTH} characters.`,
  ),
  detached: z.boolean({ error: 'Say whether the commented text is gone.' }).optional(),
};

/** An anchor's end is never before its start. */
function startsBeforeItEnds<T extends z.ZodType<{ start: number; end: number }>>(schema: T) {
  return schema.refine((anchor) => anchor.start <= anchor.end, {
    message: 'The commented text must end after it starts.',
    path: ['end'],
  });
}

/**
 * Where a thread is anchored: the part, the offsets of the commented text in the part's anchor
 * text (lib/content/anchor-text), the text itself (`quote`, as it was when commented on) and a
 * little text before and after it, to find it again; `detached` once that text is deleted.
 */
export const threadAnchorSchema = startsBeforeItEnds(z.strictObject(anchorFields));
export type ThreadAnchor = z.output<typeof threadAnchorSchema>;
export type ThreadAnchorInput = z.input<typeof threadAnchorSchema>;

/** A comment as typed: trimmed, 1–5,000 characters, no control characters. */
export const commentBodySchema = z
  .string({ error: 'Write a comment.' })
  .trim()
  .min(1, 'Write a comment.')
  .max(
    MAX_COMMENT_LENGTH,
    `A comment has at most ${MAX_COMMENT_LENGTH.toLocaleString('en-US')} characters.`,
  )
  .pipe(safeString('Comment'));

export const startThreadSchema = z
  .object({ anchor: threadAnchorSchema, body: commentBodySchema })
  .strict();
export type StartThreadInput = z.input<typeof startThreadSchema>;

export const replySchema = z
  .object({
    body: commentBodySchema,
    /** Reply and resolve (true) or reply and reopen (false); left out, the thread stays as it is. */
    resolve: z.boolean({ error: 'Say whether to resolve the thread.' }).optional(),
  })
  .strict();
export type ReplyInput = z.input<typeof replySchema>;

export const resolutionSchema = z
  .object({ resolved: z.boolean({ error: 'Say whether the thread is resolved.' }) })
  .strict();

const threadIdSchema = z.uuid({ error: 'Name the thread by its id.' });

/** The anchors the editor mapped through its edits, after a save: one per thread. */
export const anchorUpdatesSchema = z
  .array(startsBeforeItEnds(z.strictObject({ threadId: threadIdSchema, ...anchorFields })), {
    error: 'Send the anchors as a list.',
  })
  .max(
    MAX_ANCHORS_PER_UPDATE,
    `Send at most ${MAX_ANCHORS_PER_UPDATE.toLocaleString('en-US')} anchors at once.`,
  );
export type AnchorUpdateInput = z.input<typeof anchorUpdatesSchema>;

/** Someone of the newsroom, as comments and suggestions name them. */
export interface Colleague {
  id: string;
  name: string;
  role: 'editor' | 'reviewer' | 'admin';
}

/** Someone named in a thread. */
export interface PersonRef {
  id: string;
  name: string;
}

export interface CommentView {
  id: string;
  author: PersonRef;
  body: string;
  /** ISO 8601. */
  createdAt: string;
}

/** A thread as the editor, the review screen and the export show it (JSON-safe). */
export interface ThreadView {
  id: string;
  part: RichTextPart;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  detached: boolean;
  /** ISO 8601. */
  createdAt: string;
  createdBy: PersonRef;
  /** ISO 8601; null while open. */
  resolvedAt: string | null;
  resolvedBy: PersonRef | null;
  /** Oldest first: the first one started the thread. */
  comments: CommentView[];
}
