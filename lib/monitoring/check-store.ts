import 'server-only';
import { and, desc, eq, gt, inArray, lte, ne, notInArray, type SQL, sql } from 'drizzle-orm';
import { unsettledSourceCheckStatuses } from '@/db/enums';
import {
  approvals,
  briefs,
  briefVersions,
  captureContents,
  sourceCaptures,
  sourceChecks,
} from '@/db/schema';
import { db } from '@/lib/transaction';
import { hostOf } from './classify';
import type { WatchedSource } from './schedule';

/**
 * The reads the source checks and the desk share (operator-level: no actor; the job and the
 * guarded queries call them). A source is named by its brief, its id in the published version
 * and the address that version cites: checks of an address the brief no longer cites count for
 * nothing.
 */

export interface SourceRef {
  briefId: string;
  sourceId: string;
  url: string;
}

export type StoredCheck = typeof sourceChecks.$inferSelect;

/** A source of a published brief, with its latest check of the address cited now. */
export interface WatchedSourceRow extends WatchedSource, SourceRef {}

/** Sources whose latest checks are looked up in one statement. */
const LOOKUP_CHUNK = 1000;

/**
 * Every source with an address of every published brief (the published version's), or those of
 * `host` (`host[:port]`, as hostOf gives it), with its latest check. The sources are read first
 * (one pass over the published versions; for a host, only its own rows are returned:
 * plainHostnameSql), their checks then only for those kept.
 */
export async function watchedSources(host?: string): Promise<WatchedSourceRow[]> {
  const hostname = host === undefined ? null : hostnameOf(host);
  const url = sql`source.value->>'url'`;
  // A row whose hostname SQL cannot tell (null) is kept, for hostOf to judge.
  const ofHost =
    hostname === null ? sql`` : sql`and coalesce(${plainHostnameSql(url)} = ${hostname}, true)`;
  const sources = await db().execute<{
    brief_id: string;
    source_id: string;
    url: string;
    first_published_at: string | Date;
  }>(sql`
    select ${briefs.id} as brief_id, source.value->>'id' as source_id,
      source.value->>'url' as url, ${briefs.firstPublishedAt} as first_published_at
    from ${briefs}
    join ${briefVersions} on ${briefVersions.id} = ${briefs.publishedVersionId}
    cross join lateral jsonb_array_elements(${briefVersions.content}->'sources') as source
    where ${briefs.published} and coalesce(${url}, '') <> '' ${ofHost}`);
  const kept = [...sources]
    .map((row) => ({
      briefId: row.brief_id,
      sourceId: row.source_id,
      url: row.url,
      firstPublishedAt: new Date(row.first_published_at),
    }))
    // The URL parser has the last word (the port too).
    .filter((source) => host === undefined || hostOf(source.url) === host);
  const watched: WatchedSourceRow[] = [];
  for (let start = 0; start < kept.length; start += LOOKUP_CHUNK) {
    const chunk = kept.slice(start, start + LOOKUP_CHUNK);
    // One index lookup per source (source_checks_source), whatever the length of its history.
    const latest = await db().execute<{
      position: number;
      checked_at: string | Date;
      status: StoredCheck['status'];
    }>(sql`
      select wanted.position, latest.checked_at, latest.status
      from (values ${sql.join(
        chunk.map((s, index) => sql`(${index}::int, ${s.briefId}::uuid, ${s.sourceId}, ${s.url})`),
        sql`, `,
      )}) as wanted(position, brief_id, source_id, url)
      cross join lateral (
        select ${sourceChecks.checkedAt} as checked_at, ${sourceChecks.status} as status
        from ${sourceChecks}
        where ${sourceChecks.briefId} = wanted.brief_id
          and ${sourceChecks.sourceId} = wanted.source_id and ${sourceChecks.url} = wanted.url
        order by ${sourceChecks.checkedAt} desc
        limit 1
      ) as latest`);
    const lastCheck = new Map(
      [...latest].map((row) => [
        Number(row.position),
        { checkedAt: new Date(row.checked_at), status: row.status },
      ]),
    );
    for (const [index, source] of chunk.entries()) {
      watched.push({ ...source, lastCheck: lastCheck.get(index) ?? null });
    }
  }
  return watched;
}

/** The hostname of `host[:port]`; null when it is none (then SQL does not narrow by it). */
function hostnameOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

const IPV4_PART = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
/** After the scheme, its slashes (either way round) and any user info: the hostname. */
const HOSTNAME_IN_URL = String.raw`^[a-z][a-z0-9+.-]*:[/\\]*(?:[^/\\?#]*@)?([^/\\?#:]*)`;
/** Hostnames new URL() leaves as they are, once lower-cased: ASCII names, dotted IPv4. */
const PLAIN_NAME = String.raw`^([a-z0-9-]+\.)*[a-z][a-z0-9-]*\.?$`;
const PLAIN_IPV4 = String.raw`^${IPV4_PART}(\.${IPV4_PART}){3}$`;

/**
 * The hostname of the address `url` (an SQL text expression) as new URL().hostname gives it,
 * when the address writes it plainly: a name of ASCII letters, digits and hyphens (lower-cased,
 * as the parser does) or a dotted IPv4 address as the parser writes it. Null when only the
 * parser can say: an internationalized name (it punycodes), percent escapes, an IPv6 address,
 * an IPv4 address in another form (`0x7f.1`, `2130706433`), any other character.
 */
export function plainHostnameSql(url: SQL): SQL<string | null> {
  return sql<string | null>`(
    select case when parsed.hostname ~ ${PLAIN_NAME} or parsed.hostname ~ ${PLAIN_IPV4}
      then parsed.hostname end
    from (select (regexp_match(lower(${url}), ${HOSTNAME_IN_URL}))[1] as hostname) as parsed)`;
}

const ofSource = (source: SourceRef) =>
  and(
    eq(sourceChecks.briefId, source.briefId),
    eq(sourceChecks.sourceId, source.sourceId),
    eq(sourceChecks.url, source.url),
  );

const settled = notInArray(sourceChecks.status, [...unsettledSourceCheckStatuses]);

/** The latest checks of a source, newest first. */
export async function latestChecks(source: SourceRef, limit: number): Promise<StoredCheck[]> {
  return db()
    .select()
    .from(sourceChecks)
    .where(ofSource(source))
    .orderBy(desc(sourceChecks.checkedAt))
    .limit(limit);
}

/** The latest checks of each of a brief's sources, newest first: one index lookup per source. */
export async function latestChecksOfSources(
  briefId: string,
  sources: readonly { sourceId: string; url: string }[],
  limit: number,
): Promise<Map<string, StoredCheck[]>> {
  const bySource = new Map<string, StoredCheck[]>(sources.map((s) => [s.sourceId, []]));
  if (sources.length === 0) return bySource;
  const rows = await db().execute<{ id: string }>(sql`
    select latest.id
    from (values ${sql.join(
      sources.map((s) => sql`(${s.sourceId}, ${s.url})`),
      sql`, `,
    )}) as wanted(source_id, url)
    cross join lateral (
      select ${sourceChecks.id} as id
      from ${sourceChecks}
      where ${sourceChecks.briefId} = ${briefId} and ${sourceChecks.sourceId} = wanted.source_id
        and ${sourceChecks.url} = wanted.url
      order by ${sourceChecks.checkedAt} desc
      limit ${limit}
    ) as latest`);
  const ids = [...rows].map((row) => row.id);
  if (ids.length === 0) return bySource;
  const checks = await db()
    .select()
    .from(sourceChecks)
    .where(inArray(sourceChecks.id, ids))
    .orderBy(desc(sourceChecks.checkedAt));
  for (const check of checks) bySource.get(check.sourceId)?.push(check);
  return bySource;
}

/** The source's latest check that says something of the page (its state), if any. */
export async function latestSettledCheck(source: SourceRef): Promise<StoredCheck | null> {
  const [row] = await db()
    .select()
    .from(sourceChecks)
    .where(and(ofSource(source), settled))
    .orderBy(desc(sourceChecks.checkedAt))
    .limit(1);
  return row ?? null;
}

/**
 * When the source came into the state that `check` (its latest settled check) found: the
 * first of the settled checks since the last one that found something else, or judged against
 * another approved capture (classify.ts, entersAttention).
 */
export async function stateSince(source: SourceRef, check: StoredCheck): Promise<Date> {
  const [before] = await db()
    .select({ checkedAt: sourceChecks.checkedAt })
    .from(sourceChecks)
    .where(
      and(
        ofSource(source),
        settled,
        lte(sourceChecks.checkedAt, check.checkedAt),
        sql`(${sourceChecks.status} <> ${check.status} or ${sourceChecks.approvedSha256} is distinct from ${check.approvedSha256})`,
      ),
    )
    .orderBy(desc(sourceChecks.checkedAt))
    .limit(1);
  const [first] = await db()
    .select({ checkedAt: sql<string | Date>`min(${sourceChecks.checkedAt})` })
    .from(sourceChecks)
    .where(
      and(
        ofSource(source),
        eq(sourceChecks.status, check.status),
        before ? gt(sourceChecks.checkedAt, before.checkedAt) : undefined,
        lte(sourceChecks.checkedAt, check.checkedAt),
      ),
    );
  return first?.checkedAt ? new Date(first.checkedAt) : check.checkedAt;
}

/** The latest approval (or re-check) of a brief's version: what the reviewer last confirmed. */
export async function latestApprovalOf(briefId: string, versionId: string) {
  const [approval] = await db()
    .select()
    .from(approvals)
    .where(and(eq(approvals.briefId, briefId), eq(approvals.versionId, versionId)))
    .orderBy(desc(approvals.createdAt))
    .limit(1);
  return approval ?? null;
}

/**
 * The content of the capture the reviewer approved: the one the approval bound
 * (`verified_captures`), else the source's latest capture of the address taken before the
 * approval. Null when there is none.
 */
export async function approvedContentSha(
  source: SourceRef,
  approval: { verifiedCaptures: Record<string, string | null>; createdAt: Date } | null,
): Promise<string | null> {
  const bound = approval?.verifiedCaptures[source.sourceId];
  if (bound) return bound;
  const [capture] = await db()
    .select({ sha256: sourceCaptures.contentSha256 })
    .from(sourceCaptures)
    .where(
      and(
        eq(sourceCaptures.briefId, source.briefId),
        eq(sourceCaptures.sourceId, source.sourceId),
        eq(sourceCaptures.url, source.url),
        eq(sourceCaptures.state, 'captured'),
        approval ? lte(sourceCaptures.fetchedAt, approval.createdAt) : undefined,
      ),
    )
    .orderBy(desc(sourceCaptures.requestedAt))
    .limit(1);
  return capture?.sha256 ?? null;
}

/** The readable texts of captured contents, by SHA-256 (null: no text was read). */
export async function readableTexts(shas: readonly string[]): Promise<Map<string, string | null>> {
  if (shas.length === 0) return new Map();
  const rows = await db()
    .select({ sha256: captureContents.sha256, text: captureContents.readableText })
    .from(captureContents)
    .where(inArray(captureContents.sha256, [...new Set(shas)]));
  return new Map(rows.map((row) => [row.sha256, row.text]));
}

/** The latest finished capture of the source's address (its content), if any. */
export async function latestCaptureSha(source: SourceRef): Promise<string | null> {
  const [capture] = await db()
    .select({ sha256: sourceCaptures.contentSha256 })
    .from(sourceCaptures)
    .where(
      and(
        eq(sourceCaptures.briefId, source.briefId),
        eq(sourceCaptures.sourceId, source.sourceId),
        eq(sourceCaptures.url, source.url),
        ne(sourceCaptures.state, 'pending'),
      ),
    )
    .orderBy(desc(sourceCaptures.requestedAt))
    .limit(1);
  return capture?.sha256 ?? null;
}
