import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { briefs, comments, commentThreads, users } from '@/db/schema';
import type { RichTextPart } from '@/lib/content/parts';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { archivedBriefMessage, briefNotFound } from '@/lib/ids';
import type { Executor } from '@/lib/transaction';
import type { CommentView, ThreadView } from './schemas';

/**
 * The brief's question (for notifications), or NotFoundError. In a write, `lock` holds the row
 * against an approval until the comment is committed (a key-share lock: saves and other comments
 * go on), so that approving counts the threads of every comment before it or after it.
 */
export async function commentedBrief(
  executor: Executor,
  briefId: string,
  lock = false,
): Promise<{ question: string }> {
  const query = executor
    .select({ question: briefs.question, archivedAt: briefs.archivedAt })
    .from(briefs)
    .where(eq(briefs.id, briefId));
  const [brief] = lock ? await query.for('key share') : await query;
  if (!brief) throw new NotFoundError(briefNotFound);
  // Locked for a write: nothing changes an archived brief, its threads included.
  if (lock && brief.archivedAt) throw new InvalidError(archivedBriefMessage);
  return { question: brief.question };
}

/** The brief's threads (or the one named), oldest first, each with its comments. */
export async function threadViews(
  executor: Executor,
  briefId: string,
  threadId?: string,
): Promise<ThreadView[]> {
  const creator = alias(users, 'creator');
  const resolver = alias(users, 'resolver');
  const author = alias(users, 'author');
  const which = threadId
    ? and(eq(commentThreads.briefId, briefId), eq(commentThreads.id, threadId))
    : eq(commentThreads.briefId, briefId);
  const threads = await executor
    .select({
      id: commentThreads.id,
      part: commentThreads.part,
      start: commentThreads.anchorStart,
      end: commentThreads.anchorEnd,
      quote: commentThreads.quote,
      prefix: commentThreads.prefix,
      suffix: commentThreads.suffix,
      detached: commentThreads.detached,
      createdAt: commentThreads.createdAt,
      creatorId: creator.id,
      creatorName: creator.name,
      resolvedAt: commentThreads.resolvedAt,
      resolverId: resolver.id,
      resolverName: resolver.name,
    })
    .from(commentThreads)
    .innerJoin(creator, eq(creator.id, commentThreads.createdBy))
    .leftJoin(resolver, eq(resolver.id, commentThreads.resolvedBy))
    .where(which)
    .orderBy(asc(commentThreads.createdAt), asc(commentThreads.id));
  if (threads.length === 0) return [];
  const rows = await executor
    .select({
      id: comments.id,
      threadId: comments.threadId,
      authorId: author.id,
      authorName: author.name,
      body: comments.body,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
    .innerJoin(author, eq(author.id, comments.authorId))
    .where(which)
    .orderBy(asc(comments.createdAt), asc(comments.id));
  const byThread = new Map<string, CommentView[]>();
  for (const row of rows) {
    const list = byThread.get(row.threadId) ?? [];
    list.push({
      id: row.id,
      author: { id: row.authorId, name: row.authorName },
      body: row.body,
      createdAt: row.createdAt.toISOString(),
    });
    byThread.set(row.threadId, list);
  }
  return threads.map((thread) => ({
    id: thread.id,
    part: thread.part as RichTextPart,
    start: thread.start,
    end: thread.end,
    quote: thread.quote,
    prefix: thread.prefix,
    suffix: thread.suffix,
    detached: thread.detached,
    createdAt: thread.createdAt.toISOString(),
    createdBy: { id: thread.creatorId, name: thread.creatorName },
    resolvedAt: thread.resolvedAt?.toISOString() ?? null,
    resolvedBy:
      thread.resolverId && thread.resolverName
        ? { id: thread.resolverId, name: thread.resolverName }
        : null,
    comments: byThread.get(thread.id) ?? [],
  }));
}

/** One thread of the brief, or NotFoundError. */
export async function threadView(
  executor: Executor,
  briefId: string,
  threadId: string,
  notFound: string,
): Promise<ThreadView> {
  const [view] = await threadViews(executor, briefId, threadId);
  if (!view) throw new NotFoundError(notFound);
  return view;
}
