import 'server-only';
import { and, asc, eq, inArray, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
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

/** The sources needing attention are looked up only for the tab that shows them. */
async function tabContext(actor: Actor, now: Date, tab: DeskTab): Promise<TabContext> {
  return {
    actorId: actor.id,
    untouchedBefore: new Date(now.getTime() - UNTOUCHED_HIDDEN_AFTER_MS),
    today: calendarDate(now, newsroomTimeZone()),
    attentionIds: tab === 'needs_recheck' ? await listBriefIdsNeedingAttention(actor, now) : [],
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

/** Up to this many matches (as the planner expects them), a search reads its matches first. */
const FEW_MATCHES = 5_000;

/**
 * The newsroom's search: `websearch_to_tsquery` (English: quotes, `or`, `-word`; stemmed, so
 * that "vaccines" finds "vaccine") over the working copy's question, text and source titles.
 * Computed once, so that the planner sees the query itself. Null when `q` has no searchable word
 * (only stop words or punctuation): nothing matches then.
 */
async function searchQuery(q: string): Promise<string | null> {
  const [row] = await db().execute<{ query: string }>(
    sql`select websearch_to_tsquery('english', ${q})::text as query`,
  );
  return row?.query ? row.query : null;
}

/**
 * Which briefs the list shows, and whether among few matches of a search. A search with few
 * matches reads them through the search index (a stripped tsvector: no recheck of each row) and
 * tests the tab and filters on each, then sorts them: a walk through the whole tab in order,
 * filtering, costs far more when the filters exclude what the search finds (the planner cannot
 * see that an author never wrote about a subject). A search found in most briefs walks the
 * order and stops at the page's end.
 */
async function listedBriefs(
  q: string,
  narrowing: { indexed: SQL | undefined; tested: SQL | undefined },
): Promise<{ filter: SQL | undefined; amongFew: boolean }> {
  if (!q) return { filter: narrowing.indexed, amongFew: false };
  const query = await searchQuery(q);
  if (query === null) return { filter: sql`false`, amongFew: false };
  const matches = sql`${briefs.deskSearch} @@ ${query}::tsquery`;
  return (await estimatedRows(matches)) > FEW_MATCHES
    ? { filter: and(matches, narrowing.indexed), amongFew: false }
    : { filter: and(matches, narrowing.tested), amongFew: true };
}

/** How many briefs the planner expects to match (EXPLAIN, without running the query). */
async function estimatedRows(condition: SQL): Promise<number> {
  const [row] = await db().execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    sql`explain (format json) select 1 from ${briefs} where ${condition}`,
  );
  return row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? Number.POSITIVE_INFINITY;
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
  const context = await tabContext(actor, now, view.tab);
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
  const byTabAndPeople = (author: SQL | undefined) =>
    and(
      tabFilter(view.tab, context),
      author,
      view.reviewer ? eq(briefs.assignedReviewerId, view.reviewer) : undefined,
    );
  const listed = await listedBriefs(view.q, {
    // By its index (few briefs of an author are found without walking the others)…
    indexed: byTabAndPeople(
      view.author ? sql`${briefs.authorIds} @> array[${view.author}::uuid]` : undefined,
    ),
    // …or tested on each match of a search.
    tested: byTabAndPeople(
      view.author ? sql`${view.author}::uuid = any(${briefs.authorIds})` : undefined,
    ),
  });
  // Among a few matches, they are read and sorted: ordering by the row (value, id) is the same
  // order, but no index offers it, so the planner cannot prefer walking the tab's index in
  // order, filtering (which it would when it misjudges how many rows match).
  const direction = descending ? sql`desc` : sql`asc`;
  const order = listed.amongFew
    ? [sql`(${key.value}, ${briefs.id}) ${direction}`]
    : [sql`${key.value} ${direction}`, sql`${briefs.id} ${direction}`];
  // The page's ids first, then what each of them shows: the shown columns (the authors' names
  // above all) would otherwise be computed for every match the sort has to order.
  const pageKeys = await db()
    .select({ id: briefs.id, sortValue: sql<string>`(${key.value})::text` })
    .from(briefs)
    .where(and(listed.filter, keyset))
    .orderBy(...order)
    .limit(DESK_PAGE_SIZE + 1);
  const shown = await shownColumns(pageKeys.map((row) => row.id));
  const rows = pageKeys.flatMap((keyRow) => {
    const row = shown.get(keyRow.id);
    return row ? [{ ...row, sortValue: keyRow.sortValue }] : [];
  });
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

/** What the list shows of each brief, by id. */
async function shownColumns(ids: string[]) {
  if (ids.length === 0) return new Map();
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
    })
    .from(briefs)
    .leftJoin(reviewer, eq(reviewer.id, briefs.assignedReviewerId))
    .leftJoin(waiting, and(eq(waiting.briefId, briefs.id), eq(waiting.state, 'scheduled')))
    .where(inArray(briefs.id, ids));
  return new Map(rows.map((row) => [row.id, row]));
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
  const context = await tabContext(actor, now, 'needs_recheck');
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
