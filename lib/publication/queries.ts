import 'server-only';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { approvals, auditLog, briefs, briefVersions, corrections, users } from '@/db/schema';
import { newsroomTimeZone } from '@/lib/config';
import { calendarDate } from '@/lib/content/dates';
import type { BriefDocument, Source } from '@/lib/content/document';
import { richTextWithoutCitations } from '@/lib/content/plain-text';
import { xmlSafe } from '@/lib/content/safe-text';
import { archivedCopiesOf } from '@/lib/sources/archived-copies';
import { goneSourcesOf } from '@/lib/sources/gone-sources';
import { db, readPublic } from '@/lib/transaction';
import type { ArchivedCopy } from './brief-html';
import { questionKey } from './related';
import { MATCH_END, MATCH_START, searchQueryText } from './search';

// `published` as itself, not `published = $1`: a prepared statement's generic plan cannot use
// the partial indexes on published briefs for a parameter.
const isPublished = sql`${briefs.published}`;

/**
 * The public site's reads. They take no actor: they are public by design, and return only what
 * a published version holds, never internal source notes, drafts or unpublished briefs.
 */

export type PublicSource = Omit<Source, 'note'>;
export type PublicDocument = Omit<BriefDocument, 'sources'> & { sources: PublicSource[] };

export interface PublicBrief {
  slug: string;
  /** Slugs of published briefs whose question matches a related question (by questionKey). */
  relatedSlugs?: Record<string, string>;
  question: string;
  checkedOn: string;
  firstPublishedAt: Date;
  /** When the public version last changed (publication or re-check). */
  modifiedAt: Date;
  reviewedBy: string;
  document: PublicDocument;
  corrections: { id: string; kind: string; note: string; notedOn: string }[];
  /** Copies the archive service made of its sources' addresses, by source id. */
  archivedCopies?: Record<string, ArchivedCopy>;
  /** Sources whose page is gone since publication (their archived copy comes first). */
  goneSourceIds?: string[];
  /** The brief and version readers see, named by its `Report an error` form (none in previews). */
  report?: { briefId: string; versionId: string };
}

export type PublicBriefLookup =
  | { status: 'published'; brief: PublicBrief }
  | { status: 'unpublished'; withdrawal: Withdrawal }
  | { status: 'missing' };

/** What the 410 page of an unpublished brief tells readers. */
export interface Withdrawal {
  /** The admin's notice for readers; null when none was written. */
  notice: string | null;
  /** The newsroom's calendar date of the unpublish (YYYY-MM-DD); null when unknown. */
  withdrawnOn: string | null;
}

function withoutInternalNotes(document: BriefDocument): PublicDocument {
  return { ...document, sources: document.sources.map(({ note: _internal, ...source }) => source) };
}

export async function getPublicBrief(slug: string): Promise<PublicBriefLookup> {
  return readPublic(async () => {
    const executor = db();
    const [row] = await executor
      .select({
        id: briefs.id,
        slug: briefs.slug,
        published: briefs.published,
        checkedOn: briefs.publishedCheckedOn,
        firstPublishedAt: briefs.firstPublishedAt,
        withdrawalNotice: briefs.withdrawalNotice,
        versionId: briefVersions.id,
        content: briefVersions.content,
      })
      .from(briefs)
      .leftJoin(briefVersions, eq(briefVersions.id, briefs.publishedVersionId))
      .where(eq(briefs.slug, slug));
    if (!row) return { status: 'missing' };
    if (
      !row.published ||
      !row.versionId ||
      !row.content ||
      !row.checkedOn ||
      !row.firstPublishedAt
    ) {
      return {
        status: 'unpublished',
        withdrawal: {
          notice: row.withdrawalNotice ? xmlSafe(row.withdrawalNotice) : null,
          withdrawnOn: await withdrawnOn(row.id),
        },
      };
    }
    const [review] = await executor
      .select({ name: users.name, at: approvals.createdAt })
      .from(approvals)
      .innerJoin(users, eq(users.id, approvals.approvedBy))
      .where(and(eq(approvals.briefId, row.id), eq(approvals.versionId, row.versionId)))
      .orderBy(desc(approvals.createdAt))
      .limit(1);
    const document = row.content;
    const [notes, relatedSlugs, archivedCopies, goneSourceIds] = await Promise.all([
      listCorrections(row.id),
      relatedBriefSlugs(document.relatedQuestions),
      archivedCopiesOf(row.id, document.sources),
      goneSourcesOf(row.id, document.sources),
    ]);
    return {
      status: 'published',
      brief: {
        slug: row.slug ?? slug,
        report: { briefId: row.id, versionId: row.versionId },
        question: document.question,
        checkedOn: row.checkedOn,
        firstPublishedAt: row.firstPublishedAt,
        modifiedAt: review?.at ?? row.firstPublishedAt,
        reviewedBy: review?.name ?? '',
        document: withoutInternalNotes(document),
        corrections: notes,
        relatedSlugs,
        archivedCopies,
        goneSourceIds,
      },
    };
  });
}

/** The newsroom's calendar date of a brief's latest unpublish, from its audit log. */
async function withdrawnOn(briefId: string): Promise<string | null> {
  const [row] = await db()
    .select({ at: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.briefId, briefId), eq(auditLog.action, 'unpublish')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row ? calendarDate(row.at, newsroomTimeZone()) : null;
}

/**
 * A brief's public notes (corrections, clarifications, updates), oldest first: its page lists
 * them whenever it is published, and the staff's preview and review screen show them too.
 */
export async function listCorrections(briefId: string): Promise<PublicBrief['corrections']> {
  return db()
    .select({
      id: corrections.id,
      kind: corrections.kind,
      note: corrections.note,
      notedOn: corrections.notedOn,
    })
    .from(corrections)
    .where(eq(corrections.briefId, briefId))
    .orderBy(asc(corrections.createdAt), asc(corrections.id));
}

/** For each related question that a published brief asks, that brief's slug (by questionKey). */
export async function relatedBriefSlugs(
  questions: readonly { text: string }[],
): Promise<Record<string, string>> {
  const keys = questions.map((q) => questionKey(q.text));
  if (keys.length === 0) return {};
  const related = await db()
    .select({ slug: briefs.slug, question: briefs.publishedQuestion })
    .from(briefs)
    .where(
      and(
        isPublished,
        inArray(
          sql`lower(regexp_replace(btrim(${briefs.publishedQuestion}), '\\s+', ' ', 'g'))`,
          keys,
        ),
      ),
    );
  return Object.fromEntries(related.map((r) => [questionKey(r.question ?? ''), r.slug ?? '']));
}

export const PUBLIC_PAGE_SIZE = 20;

export interface PublicListItem {
  slug: string;
  question: string;
  checkedOn: string;
  excerpt: string;
}

/** Published briefs, most recently checked first, one page of 20. */
export async function listPublicBriefs(
  page = 1,
): Promise<{ items: PublicListItem[]; total: number }> {
  return readPublic(async () => {
    const executor = db();
    // Only the question and the summary leave the database, not whole documents.
    const rows = await executor
      .select({
        slug: briefs.slug,
        checkedOn: briefs.publishedCheckedOn,
        question: briefs.publishedQuestion,
        summary: sql<BriefDocument['summary']>`${briefVersions.content}->'summary'`,
      })
      .from(briefs)
      .innerJoin(briefVersions, eq(briefVersions.id, briefs.publishedVersionId))
      .where(isPublished)
      .orderBy(desc(briefs.publishedCheckedOn), desc(briefs.firstPublishedAt))
      .limit(PUBLIC_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * PUBLIC_PAGE_SIZE);
    const [{ total } = { total: 0 }] = await executor
      .select({ total: count() })
      .from(briefs)
      .where(isPublished);
    return {
      total,
      items: rows.map((row) => {
        const summary = richTextWithoutCitations(row.summary);
        // React pages show these as they are: characters no page may hold are removed here.
        return {
          slug: row.slug ?? '',
          question: xmlSafe(row.question ?? ''),
          checkedOn: row.checkedOn ?? '',
          excerpt: xmlSafe(
            summary.length > 280 ? `${summary.slice(0, 277).replace(/\s+\S*$/, '')}…` : summary,
          ),
        };
      }),
    };
  });
}

export interface SearchHit {
  slug: string;
  question: string;
  checkedOn: string;
  /** The matching passage, matches between MATCH_START and MATCH_END: read it with snippetParts. */
  snippet: string;
  /** The snippet is from the related questions: nothing in the opening of the text matched. */
  inRelatedQuestions: boolean;
}

const SNIPPET_SOURCE_CHARS = 1000;
const SNIPPET_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=40, MinWords=15, MaxFragments=2`;

/**
 * Full-text search of published briefs (Postgres, English configuration), best match first.
 * Any input is safe: `websearch_to_tsquery` never fails on odd syntax, and characters Postgres
 * cannot take are read as spaces.
 */
export async function searchPublicBriefs(
  input: string,
  page = 1,
): Promise<{ hits: SearchHit[]; total: number }> {
  return readPublic(async () => {
    const q = searchQueryText(input).trim();
    if (!q) return { hits: [], total: 0 };
    const executor = db();
    const query = sql`websearch_to_tsquery('english', ${q})`;
    const matches = and(isPublished, sql`${briefs.searchDocument} @@ ${query}`);
    const rank = sql<number>`ts_rank(${briefs.searchDocument}, ${query})`;
    // The page of hits is chosen first from the briefs table alone; the question and the snippet,
    // which read large values, are then computed for those 20 only.
    const top = executor
      .select({ id: briefs.id, rank: rank.as('rank'), checkedOn: briefs.publishedCheckedOn })
      .from(briefs)
      .where(matches)
      .orderBy(desc(rank), desc(briefs.publishedCheckedOn))
      .limit(PUBLIC_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * PUBLIC_PAGE_SIZE)
      .as('top');
    // Snippets come from the opening of the text (the summary first): ts_headline's cost grows
    // with the length of what it reads. The marker characters are removed from that text, so
    // a published text holding them cannot mark a passage that is not a match.
    const markers = MATCH_START + MATCH_END;
    const opening = sql`translate(left(coalesce(${briefs.searchText}, ''), ${SNIPPET_SOURCE_CHARS}), ${markers}, '')`;
    // A brief found by a related question only (indexed at weight C, not in the search text)
    // shows those of its related questions that hold a match, whole, matches marked: read from
    // the published version only when the opening has no match, so that the whole document is
    // not read for every hit.
    const relatedMatches = sql`(select string_agg(h.text, ' · ') from (select ts_headline('english', translate(q->>'text', ${markers}, ''), ${query}, ${`StartSel=${MATCH_START}, StopSel=${MATCH_END}, HighlightAll=true`}) as text from jsonb_array_elements(coalesce(${briefVersions.content}->'relatedQuestions', '[]'::jsonb)) as q) as h where strpos(h.text, ${MATCH_START}) > 0)`;
    const rows = await executor
      .select({
        slug: briefs.slug,
        question: briefs.publishedQuestion,
        checkedOn: briefs.publishedCheckedOn,
        snippet: sql<string>`ts_headline('english', ${opening}, ${query}, ${SNIPPET_OPTIONS})`,
        relatedSnippet: sql<
          string | null
        >`case when to_tsvector('english', ${opening}) @@ ${query} then null else ${relatedMatches} end`,
      })
      .from(top)
      .innerJoin(briefs, eq(briefs.id, top.id))
      .leftJoin(briefVersions, eq(briefVersions.id, briefs.publishedVersionId))
      .orderBy(desc(top.rank), desc(top.checkedOn));
    const [{ total } = { total: 0 }] = await executor
      .select({ total: count() })
      .from(briefs)
      .where(matches);
    return {
      total,
      hits: rows.map((row) => ({
        slug: row.slug ?? '',
        question: xmlSafe(row.question ?? ''),
        checkedOn: row.checkedOn ?? '',
        snippet: row.relatedSnippet ?? row.snippet,
        inRelatedQuestions: row.relatedSnippet !== null,
      })),
    };
  });
}

/** Every published brief's slug and checked-on date, for the sitemap (newest first). */
export async function listPublishedSlugs(): Promise<{ slug: string; checkedOn: string }[]> {
  return readPublic(async () => {
    const rows = await db()
      .select({ slug: briefs.slug, checkedOn: briefs.publishedCheckedOn })
      .from(briefs)
      .where(isPublished)
      .orderBy(desc(briefs.publishedCheckedOn))
      .limit(50_000);
    return rows.map((row) => ({ slug: row.slug ?? '', checkedOn: row.checkedOn ?? '' }));
  });
}
