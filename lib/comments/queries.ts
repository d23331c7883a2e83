import 'server-only';
import { assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import { openThreadCount } from './open-threads';
import type { ThreadView } from './schemas';
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
