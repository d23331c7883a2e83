import 'server-only';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Transaction } from '@/db/client';
import { auditLog, comments, commentThreads, users } from '@/db/schema';
import { readableQuote } from '@/lib/content/anchor-text';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { assertId, briefNotFound } from '@/lib/ids';
import { briefLabel, oneLine } from '@/lib/notifications/labels';
import { notify } from '@/lib/notifications/notify';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { transaction } from '@/lib/transaction';
import { mentionedPeople } from './mentions';
import {
  type AnchorUpdateInput,
  anchorUpdatesSchema,
  type ReplyInput,
  replySchema,
  resolutionSchema,
  type StartThreadInput,
  startThreadSchema,
  type ThreadView,
  threadNotFound,
} from './schemas';
import { commentedBrief, threadView } from './thread-views';

/** Input parsed by `schema`, or InvalidError: the first problem, and each field's problems. */
function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  throw new InvalidError(result.error.issues[0]?.message ?? 'Check what was sent.', fieldErrors);
}

/** A text on one line, shortened to `max` characters. */
function excerpt(text: string, max: number): string {
  const line = oneLine(text);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const partNames = { summary: 'the summary', body: 'the body', limitations: 'the limitations' };

/**
 * A thread's step in the brief's audit log (beside the workflow's and publication's, with no
 * state). Written here: lib/workflow's recordAudit sits above comments (approval reads them).
 */
async function auditThread(
  tx: Transaction,
  actor: Actor,
  briefId: string,
  action: 'comment_thread_started' | 'comment_thread_resolved' | 'comment_thread_reopened',
  thread: { part: string; quote: string },
): Promise<void> {
  const part = partNames[thread.part as keyof typeof partNames] ?? thread.part;
  await tx.insert(auditLog).values({
    briefId,
    actorId: actor.id,
    action,
    note: `On ${part}: “${excerpt(readableQuote(thread.quote), 80)}”`,
  });
}

/**
 * Tells who a comment mentions (enabled accounts, not its author) and, for a reply, the thread's
 * earlier participants who were not mentioned. Inside the comment's transaction.
 */
async function tellPeople(
  tx: Transaction,
  actor: Actor,
  brief: { id: string; question: string },
  body: string,
  participants: readonly string[] = [],
): Promise<void> {
  const people = body.includes('@')
    ? await tx
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(eq(users.disabled, false))
    : [];
  const mentioned = mentionedPeople(body, people).filter((id) => id !== actor.id);
  const said = `“${excerpt(body, 140)}”`;
  await notify({
    kind: 'mention',
    briefId: brief.id,
    message: `${actor.name} mentioned you on ${briefLabel(brief.question)}: ${said}`,
    recipientIds: mentioned,
    except: actor.id,
  });
  await notify({
    kind: 'comment',
    briefId: brief.id,
    message: `${actor.name} replied on ${briefLabel(brief.question)}: ${said}`,
    recipientIds: participants.filter((id) => !mentioned.includes(id)),
    except: actor.id,
  });
}

/** The thread of the brief, locked for this transaction, or NotFoundError. */
async function lockThread(tx: Transaction, briefId: string, threadId: string) {
  const [thread] = await tx
    .select()
    .from(commentThreads)
    .where(and(eq(commentThreads.id, threadId), eq(commentThreads.briefId, briefId)))
    .for('update');
  if (!thread) throw new NotFoundError(threadNotFound);
  return thread;
}

/**
 * Resolves (by the actor, now) or reopens the thread; one already so stays as it was, and is not
 * audited again.
 */
async function setResolved(
  tx: Transaction,
  actor: Actor,
  thread: typeof commentThreads.$inferSelect,
  resolved: boolean,
): Promise<void> {
  if (resolved === (thread.resolvedAt !== null)) return;
  await tx
    .update(commentThreads)
    .set(
      resolved
        ? { resolvedAt: sql`now()`, resolvedBy: actor.id }
        : { resolvedAt: null, resolvedBy: null },
    )
    .where(
      and(
        eq(commentThreads.id, thread.id),
        resolved ? isNull(commentThreads.resolvedAt) : isNotNull(commentThreads.resolvedAt),
      ),
    );
  await auditThread(
    tx,
    actor,
    thread.briefId,
    resolved ? 'comment_thread_resolved' : 'comment_thread_reopened',
    thread,
  );
}

/**
 * Starts a comment thread on a passage of the brief, with its first comment; tells whom it
 * mentions. Changes nothing of the brief itself (no version, no revision, no state). Requires
 * `comments.write`; throws NotFoundError (brief) or InvalidError (anchor, comment).
 */
export async function startThread(
  actor: Actor,
  briefId: string,
  input: StartThreadInput,
): Promise<ThreadView> {
  assertCan(actor, 'comments.write');
  assertId(briefId, briefNotFound);
  const { anchor, body } = parse(startThreadSchema, input);
  return transaction(async (tx) => {
    const brief = await commentedBrief(tx, briefId, true);
    const [thread] = await tx
      .insert(commentThreads)
      .values({
        briefId,
        part: anchor.part,
        anchorStart: anchor.start,
        anchorEnd: anchor.end,
        quote: anchor.quote,
        prefix: anchor.prefix,
        suffix: anchor.suffix,
        detached: anchor.detached ?? false,
        createdBy: actor.id,
      })
      .returning({ id: commentThreads.id });
    await tx.insert(comments).values({ threadId: thread!.id, authorId: actor.id, body });
    await auditThread(tx, actor, briefId, 'comment_thread_started', anchor);
    await tellPeople(tx, actor, { id: briefId, question: brief.question }, body);
    return threadView(tx, briefId, thread!.id, threadNotFound);
  });
}

/**
 * Answers a thread of the brief; with `resolve`, resolves it (true) or reopens it (false) too.
 * Tells whom the reply mentions, and the thread's earlier participants. Requires
 * `comments.write`; throws NotFoundError (brief, thread) or InvalidError (comment).
 */
export async function replyToThread(
  actor: Actor,
  briefId: string,
  threadId: string,
  input: ReplyInput,
): Promise<ThreadView> {
  assertCan(actor, 'comments.write');
  assertId(briefId, briefNotFound);
  assertId(threadId, threadNotFound);
  const { body, resolve } = parse(replySchema, input);
  return transaction(async (tx) => {
    const brief = await commentedBrief(tx, briefId, true);
    const thread = await lockThread(tx, briefId, threadId);
    const authors = await tx
      .selectDistinct({ id: comments.authorId })
      .from(comments)
      .where(eq(comments.threadId, threadId));
    await tx.insert(comments).values({ threadId, authorId: actor.id, body });
    if (resolve !== undefined) await setResolved(tx, actor, thread, resolve);
    const participants = [thread.createdBy, ...authors.map((row) => row.id)];
    await tellPeople(tx, actor, { id: briefId, question: brief.question }, body, participants);
    return threadView(tx, briefId, threadId, threadNotFound);
  });
}

/**
 * Resolves a thread of the brief (by the actor, now), or reopens it; asking for what it already
 * is changes nothing. Requires `comments.write`; throws NotFoundError (brief, thread) or
 * InvalidError.
 */
export async function setThreadResolved(
  actor: Actor,
  briefId: string,
  threadId: string,
  resolved: boolean,
): Promise<ThreadView> {
  assertCan(actor, 'comments.write');
  assertId(briefId, briefNotFound);
  assertId(threadId, threadNotFound);
  const input = parse(resolutionSchema, { resolved });
  return transaction(async (tx) => {
    await commentedBrief(tx, briefId, true);
    const thread = await lockThread(tx, briefId, threadId);
    await setResolved(tx, actor, thread, input.resolved);
    return threadView(tx, briefId, threadId, threadNotFound);
  });
}

/**
 * Moves the anchors of the brief's threads to where the editor mapped them through its edits
 * (sent after each save), `detached` once their text is gone. Ids of threads the brief does not
 * have are ignored; for one thread named twice, the last anchor counts. Returns how many threads
 * were updated. Requires `briefs.edit`; throws NotFoundError (brief) or InvalidError (more than
 * 1,000 anchors, a bad anchor).
 */
export async function updateThreadAnchors(
  actor: Actor,
  briefId: string,
  anchors: AnchorUpdateInput,
): Promise<{ updated: number }> {
  assertCan(actor, 'briefs.edit');
  assertId(briefId, briefNotFound);
  const parsed = parse(anchorUpdatesSchema, anchors);
  const byThread = new Map(parsed.map((anchor) => [anchor.threadId, anchor]));
  return transaction(async (tx) => {
    await commentedBrief(tx, briefId, true);
    if (byThread.size === 0) return { updated: 0 };
    const rows = [...byThread.values()].map((anchor) => ({
      id: anchor.threadId,
      part: anchor.part,
      anchor_start: anchor.start,
      anchor_end: anchor.end,
      quote: anchor.quote,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
      detached: anchor.detached ?? false,
    }));
    const updated = await tx.execute<{ id: string }>(sql`
      update ${commentThreads} set
        part = v.part,
        anchor_start = v.anchor_start,
        anchor_end = v.anchor_end,
        quote = v.quote,
        prefix = v.prefix,
        suffix = v.suffix,
        detached = v.detached
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
        id uuid, part text, anchor_start integer, anchor_end integer, quote text, prefix text,
        suffix text, detached boolean)
      where ${commentThreads.id} = v.id and ${commentThreads.briefId} = ${briefId}
      returning ${commentThreads.id}`);
    return { updated: [...updated].length };
  });
}
