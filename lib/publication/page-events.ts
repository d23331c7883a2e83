import 'server-only';
import { and, arrayOverlaps, eq, ne, sql } from 'drizzle-orm';
import { replicaCaughtUp, type Transaction } from '@/db/client';
import { briefs } from '@/db/schema';
import { afterCommit } from '@/lib/transaction';
import {
  applyLocally,
  EVERYTHING,
  formatPublicChange,
  PUBLIC_CHANGES_CHANNEL,
  type PublicChange,
} from './page-cache';
import { purgeSharedCache } from './purge';
import { questionKey } from './related';

/**
 * Tells the public cache of every instance what a change means for it, from inside the
 * transaction that makes the change: Postgres delivers the NOTIFY when, and only when, that
 * transaction commits, so a committed unpublish is never left unannounced. This process's own
 * cache hears it at once after the commit (of the outermost transaction, when one was
 * composed), before its NOTIFY comes back; never before, when a reader could still be served
 * the old text and cache it again; and not before the read replica, when there is one, has
 * replayed the change, or a reader's next request would fill the cache again from it. The
 * shared cache in front, when there is one, is purged then too, and the action waits for it:
 * once it answers, no reader sees what was there before.
 */
export async function announcePublicChange(tx: Transaction, change: PublicChange): Promise<void> {
  await tx.execute(sql`select pg_notify(${PUBLIC_CHANGES_CHANNEL}, ${formatPublicChange(change)})`);
  await afterCommit(async () => {
    await replicaCaughtUp();
    applyLocally(change);
    await purgeSharedCache(change);
  });
}

/**
 * A brief appeared, changed its question or disappeared: its page and the lists change, and so
 * do the published pages whose related questions name its question, now or before (they link
 * to it, or stop). Only those: a publication refreshes a few pages, not every brief's.
 */
export async function announceBriefAppearance(
  tx: Transaction,
  slug: string | null,
  questions: (string | null)[],
): Promise<void> {
  await announcePublicChange(tx, briefPageChange(slug, true));
  const keys = [
    ...new Set(questions.flatMap((question) => (question ? [questionKey(question)] : []))),
  ];
  if (keys.length === 0) return;
  const linking = await tx
    .select({ slug: briefs.slug })
    .from(briefs)
    .where(
      and(
        sql`${briefs.published}`,
        arrayOverlaps(briefs.publishedRelatedKeys, keys),
        slug ? ne(briefs.slug, slug) : undefined,
      ),
    );
  for (const page of linking) {
    if (page.slug) await announcePublicChange(tx, briefPageChange(page.slug, false));
  }
}

/** What a change of one brief concerns: its page, with the lists when its place in them moves. */
export function briefPageChange(slug: string | null, lists: boolean): PublicChange {
  return slug ? { slug, lists } : EVERYTHING;
}

/**
 * Tells the caches that a published brief's page shows something new beside its published
 * version (an archived copy of a source); nothing when the brief is not public.
 */
export async function announceBriefPageChanged(tx: Transaction, briefId: string): Promise<void> {
  const [brief] = await tx
    .select({ slug: briefs.slug, published: briefs.published })
    .from(briefs)
    .where(eq(briefs.id, briefId));
  if (brief?.published) await announcePublicChange(tx, briefPageChange(brief.slug, false));
}
