import 'server-only';
import { asc } from 'drizzle-orm';
import { users } from '@/db/schema';
import { assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import { openThreadCount } from './open-threads';
import type { Colleague, ThreadView } from './schemas';
import { commentedBrief, threadViews } from './thread-views';

/**
 * The brief's comment threads, oldest first, each with its comments (oldest first), resolved
 * ones included. Requires `comments.view`; throws NotFoundError for a brief that does not exist.
 */
export async function listThreads(actor: Actor, briefId: string): Promise<ThreadView[]> {
  assertCan(actor, 'comments.view');
  assertId(briefId, briefNotFound);
  await commentedBrief(db(), briefId);
  return threadViews(db(), briefId);
}

/**
 * How many of the brief's comment threads are open: what the review screen's `No open comment
 * threads` check shows. Requires `comments.view`; throws NotFoundError.
 */
export async function countOpenThreads(actor: Actor, briefId: string): Promise<number> {
  assertCan(actor, 'comments.view');
  assertId(briefId, briefNotFound);
  await commentedBrief(db(), briefId);
  return openThreadCount(db(), briefId);
}

/**
 * The people of the newsroom, disabled accounts included (their comments and suggestions stay
 * theirs), to name who suggested what and whom a mention reaches. Requires `comments.view`.
 */
export async function listColleagues(actor: Actor): Promise<Colleague[]> {
  assertCan(actor, 'comments.view');
  return db()
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .orderBy(asc(users.name));
}
