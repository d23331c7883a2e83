import 'server-only';
import { and, desc, eq, max, sql } from 'drizzle-orm';
import type { SitePageKind } from '@/db/enums';
import { sitePageVersions, users } from '@/db/schema';
import type { RichNode } from '@/lib/content/numbering';
import { ConflictError, InvalidError, NotFoundError } from '@/lib/errors';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { EVERYTHING } from '@/lib/publication/page-cache';
import { announcePublicChange } from '@/lib/publication/page-events';
import { db, readPublic, transaction } from '@/lib/transaction';
import { parseSitePageContent, sitePages } from './site-pages';

declare module '@/db/schema' {
  interface JsonColumnTypes {
    richText: RichNode;
  }
}

/** One saved text of a page. */
export interface SitePageVersion {
  number: number;
  content: RichNode;
  createdAt: Date;
  authorName: string;
}

const versionColumns = {
  number: sitePageVersions.number,
  content: sitePageVersions.content,
  createdAt: sitePageVersions.createdAt,
  authorName: users.name,
};

/** The page's current text, or null while nobody has written it. Public: readers see it. */
export async function getSitePage(kind: SitePageKind): Promise<SitePageVersion | null> {
  return readPublic(async () => {
    const [latest] = await db()
      .select(versionColumns)
      .from(sitePageVersions)
      .innerJoin(users, eq(users.id, sitePageVersions.createdBy))
      .where(eq(sitePageVersions.page, kind))
      .orderBy(desc(sitePageVersions.number))
      .limit(1);
    return latest ?? null;
  });
}

/** Every saved text of the page, newest first (without the texts). Requires `settings.manage`. */
export async function listSitePageVersions(
  actor: Actor,
  kind: SitePageKind,
): Promise<Omit<SitePageVersion, 'content'>[]> {
  assertCan(actor, 'settings.manage');
  return db()
    .select({
      number: sitePageVersions.number,
      createdAt: sitePageVersions.createdAt,
      authorName: users.name,
    })
    .from(sitePageVersions)
    .innerJoin(users, eq(users.id, sitePageVersions.createdBy))
    .where(eq(sitePageVersions.page, kind))
    .orderBy(desc(sitePageVersions.number));
}

/** One saved text of the page. Requires `settings.manage`; throws NotFoundError. */
export async function getSitePageVersion(
  actor: Actor,
  kind: SitePageKind,
  number: number,
): Promise<SitePageVersion> {
  assertCan(actor, 'settings.manage');
  const [found] = Number.isSafeInteger(number)
    ? await db()
        .select(versionColumns)
        .from(sitePageVersions)
        .innerJoin(users, eq(users.id, sitePageVersions.createdBy))
        .where(and(eq(sitePageVersions.page, kind), eq(sitePageVersions.number, number)))
    : [];
  if (!found) throw new NotFoundError(`${sitePages[kind].title} has no version ${number}.`);
  return found;
}

/**
 * Saves a new text of the page, as version `basedOn + 1`: every earlier text is kept. Refuses
 * to overwrite a version saved meanwhile by someone else. Requires `settings.manage`; throws
 * InvalidError (what the text may not hold) and ConflictError.
 */
export async function saveSitePage(
  actor: Actor,
  kind: SitePageKind,
  input: { content: unknown; basedOn: number },
): Promise<{ number: number }> {
  assertCan(actor, 'settings.manage');
  const parsed = parseSitePageContent(kind, input.content);
  if (!parsed.ok) throw new InvalidError(parsed.message, { content: [parsed.message] });
  return transaction(async (tx) => {
    // One save of a page at a time: the second waits here and then sees the first's number.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('site_page_versions'), hashtext(${kind}))`,
    );
    const [latest] = await tx
      .select({ number: max(sitePageVersions.number) })
      .from(sitePageVersions)
      .where(eq(sitePageVersions.page, kind));
    const current = latest?.number ?? 0;
    if (current !== input.basedOn) {
      throw new ConflictError(
        `${sitePages[kind].title} was saved by someone else meanwhile (version ${current}). Copy your text, reload the page and apply your changes again.`,
      );
    }
    const number = current + 1;
    await tx
      .insert(sitePageVersions)
      .values({ page: kind, number, content: parsed.content, createdBy: actor.id });
    // The first text puts a link to the page in every public footer; later ones change only
    // the page itself, which no cache holds.
    if (current === 0) await announcePublicChange(tx, EVERYTHING);
    return { number };
  });
}
