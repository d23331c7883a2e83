import 'server-only';
import { and, asc, eq, inArray, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { questionKeyOf } from '@/db/question-key';
import { briefs, briefTabCounts, publicationSchedules, users } from '@/db/schema';
import { newsroomTimeZone } from '@/lib/config';
import { calendarDate } from '@/lib/content/dates';
import { isId } from '@/lib/ids';
import { listBriefIdsNeedingAttention } from '@/lib/monitoring/queries';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import type { WorkflowState } from '@/lib/workflow/rules';
import {
  DESK_PAGE_SIZE,
  type DeskCursor,
  type DeskSort,
  type DeskTab,
  type DeskView,
  deskTabs,
} from './view';

/** A new brief nobody saved since `New brief`: listed only in its author's `Drafts` after a day. */
export const UNTOUCHED_HIDDEN_AFTER_MS = 24 * 60 * 60 * 1000;

/** Where a brief stands with readers, for the list's `Publication` column. */
export type Publication =
  | { kind: 'published' }
  | { kind: 'newer_draft' }
  | { kind: 'scheduled'; at: Date }
  | { kind: 'unpublished' }
  | { kind: 'none' };

export interface DeskBriefRow {
  id: string;
  question: string;
  state: WorkflowState;
  publication: Publication;
  /** Who wrote it, its creator first. */
  authors: string[];
  reviewerName: string | null;
  updatedAt: Date;
  checkedOn: string | null;
  archivedAt: Date | null;
}

export interface DeskBriefsPage {
  rows: DeskBriefRow[];
  /** Cursors of the pages after and before this one (null: there is none). */
  next: DeskCursor | null;
  previous: DeskCursor | null;
}

/** What the tabs' filters depend on besides the brief: the day, and whose drafts are shown. */
interface TabContext {
  actorId: string;
  untouchedBefore: Date;
  today: string;
  attentionIds: string[];
}

const notArchived = isNull(briefs.archivedAt);

function untouchedSince(before: Date): SQL {
  return sql`(${briefs.revision} = 1 and ${briefs.question} = '' and ${briefs.createdAt} < ${before.toISOString()}::timestamptz)`;
}

/**
 * Which briefs each tab holds. The database counts the same tabs (`brief_tabs` in migration
 * 0023, a db test holds the two together); `needs_recheck` and hiding untouched new briefs
 * depend on the day and are filtered here only.
 */
function tabFilter(tab: DeskTab, context: TabContext): SQL {
  const listed = and(notArchived, sql`not ${untouchedSince(context.untouchedBefore)}`)!;
  switch (tab) {
    case 'all':
      return listed;
    case 'drafts':
      return and(
        notArchived,
        eq(briefs.state, 'draft'),
        or(
          sql`not ${untouchedSince(context.untouchedBefore)}`,
          eq(briefs.createdBy, context.actorId),
        ),
      )!;
    case 'in_review':
    case 'changes_requested':
      return and(listed, eq(briefs.state, tab))!;
    case 'approved':
      return and(
        listed,
        eq(briefs.state, 'approved'),
        or(
          isNull(briefs.publishedVersionId),
          sql`${briefs.submittedVersionId} is distinct from ${briefs.publishedVersionId}`,
        ),
      )!;
    case 'published':
      return and(listed, eq(briefs.published, true))!;
    case 'unpublished':
      return and(listed, eq(briefs.published, false), isNotNull(briefs.firstPublishedAt))!;
    case 'needs_recheck':
      return and(
        listed,
        eq(briefs.published, true),
        or(
          sql`${briefs.recheckDueOn} < ${context.today}::date`,
          context.attentionIds.length > 0 ? inArray(briefs.id, context.attentionIds) : undefined,
        ),
      )!;
    case 'archived':
      return isNotNull(briefs.archivedAt);
  }
}

async function tabContext(actor: Actor, now: Date): Promise<TabContext> {
  return {
    actorId: actor.id,
    untouchedBefore: new Date(now.getTime() - UNTOUCHED_HIDDEN_AFTER_MS),
    today: calendarDate(now, newsroomTimeZone()),
    attentionIds: await listBriefIdsNeedingAttention(actor, now),
  };
}

/** Each sort's value (as stored, so that a cursor is exact) and the type to read a cursor as. */
const sortKeys: Record<DeskSort, { value: SQL; type: SQL }> = {
  updated: { value: sql`${briefs.updatedAt}`, type: sql`timestamptz` },
  question: { value: sql`lower(${briefs.question})`, type: sql`text` },
  checked: {
    value: sql`coalesce(${briefs.publishedCheckedOn}, '0001-01-01'::date)`,
    type: sql`date`,
  },
};

/**
 * The newsroom's search: words of the working copy's text (Postgres full-text search, English),
 * or a piece of its question as typed (trigram index), so that a half-typed word finds questions.
 */
function searchFilter(q: string): SQL | undefined {
  if (!q) return undefined;
  const words = sql`${briefs.deskSearch} @@ websearch_to_tsquery('english', ${q})`;
  // Punctuation, `%` and `_` included, becomes spaces in a key: the pattern holds no wildcard.
  const key = questionKeyOf(q);
  return sql`(${words} or (char_length(${key}) >= 3 and ${briefs.questionKey} like '%' || ${key} || '%'))`;
}

/**
 * One page of /desk/briefs: the tab's briefs matching the search and filters, in the view's
 * order, from its cursor (keyset pagination: each page costs the same however many briefs there
 * are). Requires `briefs.view`.
 */
export async function listDeskBriefs(
  actor: Actor,
  view: DeskView,
  now = new Date(),
): Promise<DeskBriefsPage> {
  assertCan(actor, 'briefs.view');
  const context = await tabContext(actor, now);
  const key = sortKeys[view.sort];
  const cursor = view.after ?? view.before;
  // Going back reads the rows before the cursor in the reverse order, then turns them round.
  const backwards = view.after === null && view.before !== null;
  const descending = (view.dir === 'desc') !== backwards;
  const keyset = cursor
    ? descending
      ? sql`(${key.value}, ${briefs.id}) < (${cursor.value}::${key.type}, ${cursor.id}::uuid)`
      : sql`(${key.value}, ${briefs.id}) > (${cursor.value}::${key.type}, ${cursor.id}::uuid)`
    : undefined;
  const reviewer = alias(users, 'reviewer');
  const waiting = alias(publicationSchedules, 'waiting');
  const rows = await db()
    .select({
      id: briefs.id,
      question: briefs.question,
      state: briefs.state,
      published: briefs.published,
      firstPublishedAt: briefs.firstPublishedAt,
      newerDraft: sql<boolean>`${briefs.headVersionId} is distinct from ${briefs.publishedVersionId}`,
      scheduledAt: waiting.publishAt,
      authors: sql<string[]>`array(
        select ${users.name} from ${users} where ${users.id} = any(${briefs.authorIds} || ${briefs.createdBy})
        order by ${users.id} = ${briefs.createdBy} desc, ${users.name})`,
      reviewerName: reviewer.name,
      updatedAt: briefs.updatedAt,
      checkedOn: briefs.publishedCheckedOn,
      archivedAt: briefs.archivedAt,
      sortValue: sql<string>`(${key.value})::text`,
    })
    .from(briefs)
    .leftJoin(reviewer, eq(reviewer.id, briefs.assignedReviewerId))
    .leftJoin(waiting, and(eq(waiting.briefId, briefs.id), eq(waiting.state, 'scheduled')))
    .where(
      and(
        tabFilter(view.tab, context),
        searchFilter(view.q),
        view.author ? sql`${briefs.authorIds} @> array[${view.author}::uuid]` : undefined,
        view.reviewer ? eq(briefs.assignedReviewerId, view.reviewer) : undefined,
        keyset,
      ),
    )
    .orderBy(
      descending ? sql`${key.value} desc` : sql`${key.value} asc`,
      descending ? sql`${briefs.id} desc` : sql`${briefs.id} asc`,
    )
    .limit(DESK_PAGE_SIZE + 1);
  const more = rows.length > DESK_PAGE_SIZE;
  const page = rows.slice(0, DESK_PAGE_SIZE);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const cursorOf = (row: (typeof page)[number]) => ({ value: row.sortValue, id: row.id });
  return {
    rows: page.map((row) => ({
      id: row.id,
      question: row.question,
      state: row.state,
      publication: publicationOf(row),
      authors: row.authors,
      reviewerName: row.reviewerName,
      updatedAt: row.updatedAt,
      checkedOn: row.checkedOn,
      archivedAt: row.archivedAt,
    })),
    // Forward: a next page when more rows followed; a previous one when this page had a cursor.
    next: last && (backwards ? cursor !== null : more) ? cursorOf(last) : null,
    previous: first && (backwards ? more : cursor !== null) ? cursorOf(first) : null,
  };
}

function publicationOf(row: {
  published: boolean;
  firstPublishedAt: Date | null;
  newerDraft: boolean;
  scheduledAt: Date | null;
}): Publication {
  if (row.scheduledAt) return { kind: 'scheduled', at: row.scheduledAt };
  if (row.published) return { kind: row.newerDraft ? 'newer_draft' : 'published' };
  if (row.firstPublishedAt) return { kind: 'unpublished' };
  return { kind: 'none' };
}

/**
 * How many briefs each tab holds (not narrowed by the search or filters, as in WordPress's
 * list): the database keeps the counts, so this costs the same at any size. Requires
 * `briefs.view`.
 */
export async function countDeskTabs(
  actor: Actor,
  now = new Date(),
): Promise<Record<DeskTab, number>> {
  assertCan(actor, 'briefs.view');
  const context = await tabContext(actor, now);
  const [kept, [untouched], [due]] = await Promise.all([
    db().select().from(briefTabCounts),
    db()
      .select({
        all: sql<number>`count(*)::int`,
        others: sql<number>`(count(*) filter (where ${ne(briefs.createdBy, actor.id)}))::int`,
      })
      .from(briefs)
      .where(and(untouchedSince(context.untouchedBefore), notArchived)),
    db()
      .select({ count: sql<number>`count(*)::int` })
      .from(briefs)
      .where(tabFilter('needs_recheck', context)),
  ]);
  const counts = Object.fromEntries(deskTabs.map((tab) => [tab, 0])) as Record<DeskTab, number>;
  for (const row of kept) {
    if (row.tab in counts) counts[row.tab as DeskTab] = row.count;
  }
  counts.all -= untouched?.all ?? 0;
  counts.drafts -= untouched?.others ?? 0;
  counts.needs_recheck = due?.count ?? 0;
  return counts;
}

/** The people the list can be filtered by: everyone (authors) and those who review. */
export async function listDeskPeople(
  actor: Actor,
): Promise<{ id: string; name: string; reviews: boolean }[]> {
  assertCan(actor, 'briefs.view');
  const rows = await db()
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .orderBy(asc(users.name));
  return rows.map((row) => ({ id: row.id, name: row.name, reviews: row.role !== 'editor' }));
}

/** A brief's question and state, for a line that names it. Requires `briefs.view`; null if none. */
export async function getBriefHeadline(
  actor: Actor,
  briefId: string,
): Promise<{ question: string; state: WorkflowState } | null> {
  assertCan(actor, 'briefs.view');
  if (!isId(briefId)) return null;
  const [row] = await db()
    .select({ question: briefs.question, state: briefs.state })
    .from(briefs)
    .where(eq(briefs.id, briefId));
  return row ?? null;
}
