import 'server-only';
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { type SourceCheckStatus, unsettledSourceCheckStatuses } from '@/db/enums';
import { briefs, briefVersions, sourceChecks } from '@/db/schema';
import { getConfig, newsroomTimeZone } from '@/lib/config';
import { calendarDate } from '@/lib/content/dates';
import type { BriefDocument } from '@/lib/content/document';
import { numberedSources } from '@/lib/content/numbered-sources';
import { NotFoundError } from '@/lib/errors';
import { assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { archivedCopiesOf } from '@/lib/sources/archived-copies';
import { db } from '@/lib/transaction';
import {
  latestApprovalOf,
  latestChecks,
  latestChecksOfSources,
  latestSettledCheck,
  readableTexts,
  type SourceRef,
  type StoredCheck,
  stateSince,
} from './check-store';
import { ATTENTION_STATUSES } from './classify';
import { checkPeriodMs } from './schedule';
import { compareTexts, type TextChange } from './text-compare';

/** How many of a source's latest checks its history shows. */
export const HISTORY_LENGTH = 5;

/** One check, as the newsroom reads it. */
export interface CheckLine {
  checkedAt: Date;
  status: SourceCheckStatus;
  message: string;
  httpStatus: number | null;
}

const asLine = (check: StoredCheck): CheckLine => ({
  checkedAt: check.checkedAt,
  status: check.status,
  message: check.message,
  httpStatus: check.httpStatus,
});

export interface AttentionSource {
  sourceId: string;
  number: number;
  title: string;
  url: string;
  quote: string;
  status: SourceCheckStatus;
  message: string;
  checkedAt: Date;
  /** When the checks first found it so (the entry stays until a re-check after this). */
  since: Date;
  /** The text's changes from the approved capture (null: nothing to compare). */
  changes: TextChange[] | null;
  /** For a page gone: the copy readers are offered first, if there is one. */
  archiveUrl: string | null;
  history: CheckLine[];
}

export interface AttentionBrief {
  briefId: string;
  question: string;
  sources: AttentionSource[];
}

/** The published briefs' sources whose latest settled check needs attention (see below). */
async function sourcesInAttention(now: Date): Promise<SourceRef[]> {
  // Every watched source is checked each period: a source still in attention was found so
  // within the last few, or has been down or refused to us since (those checks leave its
  // finding standing, however long they last: its latest settled check decides).
  const lookBack = Math.max(
    3 * checkPeriodMs(getConfig().FACTDESK_SOURCE_CHECK_HOURS),
    7 * 24 * 60 * 60 * 1000,
  );
  // Written out, not as parameters: the partial index source_checks_attention then serves the
  // recent checks in a prepared statement's generic plan too.
  const written = (statuses: readonly SourceCheckStatus[]) =>
    sql.raw(statuses.map((status) => `'${status}'`).join(', '));
  const rows = await db().execute<{ brief_id: string; source_id: string; url: string }>(sql`
    select recent.brief_id, recent.source_id, recent.url
    from (
      select distinct ${sourceChecks.briefId} as brief_id, ${sourceChecks.sourceId} as source_id,
        ${sourceChecks.url} as url
      from ${sourceChecks}
      join ${briefs} on ${briefs.id} = ${sourceChecks.briefId}
      where ${sourceChecks.checkedAt} > ${new Date(now.getTime() - lookBack).toISOString()}::timestamptz
        and ${sourceChecks.status} in (${written([...ATTENTION_STATUSES, ...unsettledSourceCheckStatuses])})
        and ${briefs.published}
    ) as recent
    cross join lateral (
      select ${sourceChecks.status} as status
      from ${sourceChecks}
      where ${sourceChecks.briefId} = recent.brief_id and ${sourceChecks.sourceId} = recent.source_id
        and ${sourceChecks.url} = recent.url
        and ${sourceChecks.status} not in (${written(unsettledSourceCheckStatuses)})
      order by ${sourceChecks.checkedAt} desc
      limit 1
    ) as settled
    where settled.status in (${written(ATTENTION_STATUSES)})`);
  return [...rows].map((row) => ({
    briefId: row.brief_id,
    sourceId: row.source_id,
    url: row.url,
  }));
}

/**
 * The published briefs with a source needing attention, as ids (the desk's `Needs re-check`
 * tab). Requires `briefs.view`.
 */
export async function listBriefIdsNeedingAttention(
  actor: Actor,
  now = new Date(),
): Promise<string[]> {
  assertCan(actor, 'briefs.view');
  return (await briefsInAttention(now)).map((brief) => brief.briefId);
}

/**
 * Published briefs with a source whose latest check found it gone, changed or without its
 * quote, and that nobody re-checked since it was found so (classify.ts, entersAttention), with
 * what changed against the approved capture and the source's latest checks. Newest first.
 * Requires `briefs.review`.
 */
export async function listSourcesNeedingAttention(
  actor: Actor,
  now = new Date(),
): Promise<AttentionBrief[]> {
  assertCan(actor, 'briefs.review');
  const found = await briefsInAttention(now);
  const listed: AttentionBrief[] = [];
  for (const brief of found) {
    const sources: AttentionSource[] = [];
    for (const entry of brief.entries) {
      sources.push(await attentionSource(entry.ref, brief.document, entry.latest, entry.since));
    }
    listed.push({
      briefId: brief.briefId,
      question: brief.document.question,
      sources: sources.sort((a, b) => a.number - b.number),
    });
  }
  const latestSince = (brief: AttentionBrief) =>
    Math.max(...brief.sources.map((s) => s.since.getTime()));
  return listed.sort((a, b) => latestSince(b) - latestSince(a));
}

/** The published briefs with sources in attention, each with their latest settled checks. */
async function briefsInAttention(now: Date): Promise<
  {
    briefId: string;
    document: BriefDocument;
    entries: { ref: SourceRef; latest: StoredCheck; since: Date }[];
  }[]
> {
  const candidates = await sourcesInAttention(now);
  if (candidates.length === 0) return [];
  const published = await db()
    .select({
      briefId: briefs.id,
      versionId: briefVersions.id,
      document: briefVersions.content,
    })
    .from(briefs)
    .innerJoin(briefVersions, eq(briefVersions.id, briefs.publishedVersionId))
    .where(inArray(briefs.id, [...new Set(candidates.map((c) => c.briefId))]));
  const found = [];
  for (const brief of published) {
    const entries: { ref: SourceRef; latest: StoredCheck; since: Date }[] = [];
    const approval = await latestApprovalOf(brief.briefId, brief.versionId);
    for (const candidate of candidates.filter((c) => c.briefId === brief.briefId)) {
      const source = brief.document.sources.find((s) => s.id === candidate.sourceId);
      if (source?.url !== candidate.url) continue;
      const latest = await latestSettledCheck(candidate);
      if (!latest || !ATTENTION_STATUSES.includes(latest.status)) continue;
      const since = await stateSince(candidate, latest);
      // A re-check (or a new approval of the published version) since clears it.
      if (approval && approval.createdAt > since) continue;
      entries.push({ ref: candidate, latest, since });
    }
    if (entries.length > 0)
      found.push({ briefId: brief.briefId, document: brief.document, entries });
  }
  return found;
}

async function attentionSource(
  ref: SourceRef,
  document: BriefDocument,
  latest: StoredCheck,
  since: Date,
): Promise<AttentionSource> {
  const source = document.sources.find((s) => s.id === ref.sourceId)!;
  let changes: TextChange[] | null = null;
  if (latest.approvedSha256 && latest.contentSha256) {
    const texts = await readableTexts([latest.approvedSha256, latest.contentSha256]);
    const before = texts.get(latest.approvedSha256);
    const after = texts.get(latest.contentSha256);
    if (before != null && after != null) changes = compareTexts(before, after).changes;
  }
  const archiveUrl =
    latest.status === 'gone'
      ? source.archiveUrl ||
        (await archivedCopiesOf(ref.briefId, [source]))[source.id]?.archiveUrl ||
        null
      : null;
  return {
    sourceId: source.id,
    number: numberedSources(document).numbers.get(source.id) ?? 0,
    title: source.title || source.url,
    url: source.url,
    quote: source.quote,
    status: latest.status,
    message: latest.message,
    checkedAt: latest.checkedAt,
    since,
    changes,
    archiveUrl,
    history: (await latestChecks(ref, HISTORY_LENGTH)).map(asLine),
  };
}

export interface RecheckDue {
  briefId: string;
  question: string;
  checkedOn: string;
  intervalDays: number;
  /** "Checked on" plus the interval: YYYY-MM-DD. */
  dueOn: string;
}

/**
 * Published briefs past their review interval: their "Checked on" date plus the interval is
 * before today (in the newsroom's time zone). Most overdue first. Requires `briefs.review`.
 */
export async function listRecheckDue(actor: Actor, now = new Date()): Promise<RecheckDue[]> {
  assertCan(actor, 'briefs.review');
  const today = calendarDate(now, newsroomTimeZone());
  const dueOn = sql<string>`(${briefs.publishedCheckedOn} + ${briefs.reviewIntervalDays})::text`;
  const rows = await db()
    .select({
      briefId: briefs.id,
      question: briefs.publishedQuestion,
      checkedOn: briefs.publishedCheckedOn,
      intervalDays: briefs.reviewIntervalDays,
      dueOn,
    })
    .from(briefs)
    .where(
      and(
        sql`${briefs.published}`,
        isNotNull(briefs.reviewIntervalDays),
        sql`${briefs.publishedCheckedOn} + ${briefs.reviewIntervalDays} < ${today}::date`,
      ),
    )
    .orderBy(asc(dueOn));
  return rows.map((row) => ({
    briefId: row.briefId,
    question: row.question ?? '',
    checkedOn: row.checkedOn ?? '',
    intervalDays: row.intervalDays ?? 0,
    dueOn: row.dueOn,
  }));
}

export interface SourceWatch {
  published: boolean;
  reviewIntervalDays: number | null;
  /** When a re-check is due (YYYY-MM-DD), for a published brief with an interval. */
  recheckDueOn: string | null;
  /** The published version's sources with an address, with their latest checks. */
  sources: { sourceId: string; number: number; title: string; history: CheckLine[] }[];
}

/**
 * A brief's review interval and, once published, its sources' latest checks after
 * publication. Requires `briefs.view`.
 */
export async function getSourceWatch(actor: Actor, briefId: string): Promise<SourceWatch> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  const [brief] = await db()
    .select({
      published: briefs.published,
      reviewIntervalDays: briefs.reviewIntervalDays,
      recheckDueOn: sql<
        string | null
      >`(${briefs.publishedCheckedOn} + ${briefs.reviewIntervalDays})::text`,
      document: briefVersions.content,
    })
    .from(briefs)
    .leftJoin(briefVersions, eq(briefVersions.id, briefs.publishedVersionId))
    .where(eq(briefs.id, briefId));
  if (!brief) throw new NotFoundError(briefNotFound);
  const watched = brief.published && brief.document ? brief.document : null;
  const { numbers, cited } = watched
    ? numberedSources(watched)
    : { numbers: new Map<string, number>(), cited: [] };
  const watchedSources = cited.filter((source) => source.url);
  const histories = await latestChecksOfSources(
    briefId,
    watchedSources.map((source) => ({ sourceId: source.id, url: source.url })),
    HISTORY_LENGTH,
  );
  const sources = watchedSources.map((source) => ({
    sourceId: source.id,
    number: numbers.get(source.id) ?? 0,
    title: source.title || source.url,
    history: (histories.get(source.id) ?? []).map(asLine),
  }));
  return {
    published: brief.published,
    reviewIntervalDays: brief.reviewIntervalDays,
    recheckDueOn: brief.published ? brief.recheckDueOn : null,
    sources,
  };
}
