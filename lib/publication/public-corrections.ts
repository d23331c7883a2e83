import 'server-only';
import { count, desc, eq, sql } from 'drizzle-orm';
import { briefs, corrections } from '@/db/schema';
import { xmlSafe } from '@/lib/content/safe-text';
import { db, readPublic } from '@/lib/transaction';
import { PUBLIC_PAGE_SIZE } from './queries';

/** One public note as /corrections and /corrections.xml list it, with the brief it belongs to. */
export interface PublicCorrection {
  id: string;
  kind: string;
  note: string;
  /** The newsroom's calendar date of the note (YYYY-MM-DD). */
  notedOn: string;
  /** When it was added: the feed entry's `updated`. */
  createdAt: Date;
  slug: string;
  question: string;
}

export interface PublicCorrectionsPage {
  items: PublicCorrection[];
  total: number;
}

// `published` as itself: see lib/publication/queries.ts.
const ofPublishedBrief = sql`${briefs.published}`;

/**
 * Every correction, clarification and update of the briefs published now, newest first, one
 * page of 20. Public: takes no actor; a brief that is unpublished takes its notes with it.
 */
export async function listPublicCorrections(page = 1): Promise<PublicCorrectionsPage> {
  return readPublic(async () => {
    const executor = db();
    const rows = await executor
      .select({
        id: corrections.id,
        kind: corrections.kind,
        note: corrections.note,
        notedOn: corrections.notedOn,
        createdAt: corrections.createdAt,
        slug: briefs.slug,
        question: briefs.publishedQuestion,
      })
      .from(corrections)
      .innerJoin(briefs, eq(briefs.id, corrections.briefId))
      .where(ofPublishedBrief)
      .orderBy(desc(corrections.createdAt), desc(corrections.id))
      .limit(PUBLIC_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * PUBLIC_PAGE_SIZE);
    const [{ total } = { total: 0 }] = await executor
      .select({ total: count() })
      .from(corrections)
      .innerJoin(briefs, eq(briefs.id, corrections.briefId))
      .where(ofPublishedBrief);
    // React pages show these as they are: characters no page may hold are removed here.
    return {
      total,
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        note: xmlSafe(row.note),
        notedOn: row.notedOn,
        createdAt: row.createdAt,
        slug: row.slug ?? '',
        question: xmlSafe(row.question ?? ''),
      })),
    };
  });
}
