import 'server-only';
import { and, desc, eq, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { briefs, briefVersions, users } from '@/db/schema';
import type { BriefDocument } from '@/lib/content/document';
import { isVersionNumber } from '@/lib/content/version-number';
import { NotFoundError } from '@/lib/errors';
import { assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import type { HeadInfo } from './mutations';

/** The working copy to edit: the head version's document and who saved it. Requires `briefs.view`. */
export async function getBriefForEditing(
  actor: Actor,
  briefId: string,
): Promise<{ id: string; state: string; head: HeadInfo; document: BriefDocument }> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  const [row] = await db()
    .select({
      id: briefs.id,
      state: briefs.state,
      revision: briefs.revision,
      number: briefVersions.number,
      kind: briefVersions.kind,
      authorId: briefVersions.authorId,
      authorName: users.name,
      updatedAt: briefVersions.updatedAt,
      content: briefVersions.content,
    })
    .from(briefs)
    .innerJoin(briefVersions, eq(briefVersions.id, briefs.headVersionId))
    .innerJoin(users, eq(users.id, briefVersions.authorId))
    .where(eq(briefs.id, briefId));
  if (!row) throw new NotFoundError(briefNotFound);
  return {
    id: row.id,
    state: row.state,
    head: {
      revision: row.revision,
      number: row.number,
      kind: row.kind,
      authorId: row.authorId,
      authorName: row.authorName,
      savedAt: row.updatedAt.toISOString(),
    },
    document: row.content,
  };
}

export interface VersionListItem {
  number: number;
  kind: string;
  authorName: string;
  createdAt: Date;
  updatedAt: Date;
  frozen: boolean;
  restoredFrom: number | null;
}

export const HISTORY_PAGE_SIZE = 50;

/**
 * One page of a brief's history, newest first (keyset pagination on the version number, so that
 * it costs the same however long the history is). Requires `briefs.view`.
 */
export async function listVersions(
  actor: Actor,
  briefId: string,
  options: { before?: number } = {},
): Promise<{ question: string; headNumber: number; versions: VersionListItem[] }> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  if (options.before !== undefined && !isVersionNumber(options.before)) {
    throw new NotFoundError('There is no such page of history.');
  }
  const [brief] = await db()
    .select({ question: briefs.question, headNumber: briefs.headNumber })
    .from(briefs)
    .where(eq(briefs.id, briefId));
  if (!brief) throw new NotFoundError(briefNotFound);
  const author = alias(users, 'author');
  const versions = await db()
    .select({
      number: briefVersions.number,
      kind: briefVersions.kind,
      authorName: author.name,
      createdAt: briefVersions.createdAt,
      updatedAt: briefVersions.updatedAt,
      frozen: briefVersions.frozen,
      restoredFrom: briefVersions.restoredFrom,
    })
    .from(briefVersions)
    .innerJoin(author, eq(author.id, briefVersions.authorId))
    .where(
      and(
        eq(briefVersions.briefId, briefId),
        options.before ? lt(briefVersions.number, options.before) : undefined,
      ),
    )
    .orderBy(desc(briefVersions.number))
    .limit(HISTORY_PAGE_SIZE);
  return { ...brief, versions };
}

/** One version's document and metadata. Requires `briefs.view`; throws NotFoundError. */
export async function getVersion(
  actor: Actor,
  briefId: string,
  number: number,
): Promise<VersionListItem & { document: BriefDocument }> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  if (!isVersionNumber(number)) throw new NotFoundError(`Version ${number} does not exist.`);
  const [row] = await db()
    .select({
      number: briefVersions.number,
      kind: briefVersions.kind,
      authorName: users.name,
      createdAt: briefVersions.createdAt,
      updatedAt: briefVersions.updatedAt,
      frozen: briefVersions.frozen,
      restoredFrom: briefVersions.restoredFrom,
      content: briefVersions.content,
    })
    .from(briefVersions)
    .innerJoin(users, eq(users.id, briefVersions.authorId))
    .where(and(eq(briefVersions.briefId, briefId), eq(briefVersions.number, number)));
  if (!row) throw new NotFoundError(`Version ${number} does not exist.`);
  const { content, ...meta } = row;
  return { ...meta, document: content };
}
