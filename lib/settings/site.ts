import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { noteDatabaseError } from '@/db/client';
import { sitePageVersions, siteSettings as siteSettingsTable } from '@/db/schema';
import { baseUrl, getConfig } from '@/lib/config';
import { boundedText } from '@/lib/content/document';
import { InvalidError } from '@/lib/errors';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { EVERYTHING, localSettingsCache } from '@/lib/publication/page-cache';
import { announcePublicChange } from '@/lib/publication/page-events';
import { defaultDisclaimer, type SiteSettings } from '@/lib/publication/render';
import { db, transaction } from '@/lib/transaction';
import { defaultRatingScale, type RatingScale, ratingScaleSchema } from './rating-scale';

declare module '@/db/schema' {
  interface JsonColumnTypes {
    ratingScale: RatingScale;
  }
}

/** What an admin set (null: the environment's default). */
export interface SiteIdentity {
  siteName: string | null;
  disclaimer: string | null;
}

/**
 * The public site's settings: what an admin set at /desk/settings, else FACTDESK_SITE_NAME and
 * FACTDESK_DISCLAIMER. Public: no actor (every public page shows them).
 */
export async function getSiteSettings(): Promise<SiteSettings> {
  const held = localSettingsCache();
  try {
    return held
      ? await held.get('site', async () => ({ page: await readSiteSettings(), cacheable: true }))
      : await readSiteSettings();
  } catch (error) {
    // Pages that can still be answered (held ones, the 503 page, a reader's form kept as typed)
    // name the site as the environment does.
    if (!noteDatabaseError(error)) throw error;
    return environmentSiteSettings();
  }
}

/** The site's settings as the environment gives them, without what only the database knows. */
export function environmentSiteSettings(): SiteSettings {
  const config = getConfig();
  return {
    name: config.FACTDESK_SITE_NAME,
    baseUrl: baseUrl(config),
    disclaimer: config.FACTDESK_DISCLAIMER ?? defaultDisclaimer,
    pages: { methodology: false, correctionsPolicy: false },
  };
}

async function readSiteSettings(): Promise<SiteSettings> {
  const config = getConfig();
  const [row] = await db()
    .select({
      siteName: siteSettingsTable.siteName,
      disclaimer: siteSettingsTable.disclaimer,
      ratingScale: siteSettingsTable.ratingScale,
      methodology: sql<boolean>`exists (select 1 from ${sitePageVersions} where ${sitePageVersions.page} = 'methodology')`,
      correctionsPolicy: sql<boolean>`exists (select 1 from ${sitePageVersions} where ${sitePageVersions.page} = 'corrections-policy')`,
    })
    .from(sql`(select 1) as one`)
    .leftJoin(siteSettingsTable, eq(siteSettingsTable.id, true));
  return {
    name: row?.siteName ?? config.FACTDESK_SITE_NAME,
    baseUrl: baseUrl(config),
    disclaimer: row?.disclaimer ?? config.FACTDESK_DISCLAIMER ?? defaultDisclaimer,
    pages: {
      methodology: row?.methodology ?? false,
      correctionsPolicy: row?.correctionsPolicy ?? false,
    },
    ratingScale: row?.ratingScale ?? defaultRatingScale,
  };
}

/** The name and disclaimer an admin set, for the settings form. Requires `settings.manage`. */
export async function getSiteIdentity(actor: Actor): Promise<SiteIdentity> {
  assertCan(actor, 'settings.manage');
  const [row] = await db()
    .select({ siteName: siteSettingsTable.siteName, disclaimer: siteSettingsTable.disclaimer })
    .from(siteSettingsTable);
  return row ?? { siteName: null, disclaimer: null };
}

export const siteIdentitySchema = z
  .object({
    siteName: boundedText('Site name', 80),
    disclaimer: boundedText('Disclaimer', 500),
  })
  .strict();
export type SiteIdentityInput = z.input<typeof siteIdentitySchema>;

function invalidFields(error: z.ZodError): InvalidError {
  return new InvalidError(
    'Please correct the fields marked below.',
    z.flattenError(error).fieldErrors as Record<string, string[]>,
  );
}

/**
 * Sets the site's name and disclaimer; an empty field goes back to the environment's default.
 * Every public page shows them, so every cached page is dropped. Requires `settings.manage`;
 * throws InvalidError with the fields' messages.
 */
export async function updateSiteIdentity(actor: Actor, input: SiteIdentityInput): Promise<void> {
  assertCan(actor, 'settings.manage');
  const parsed = siteIdentitySchema.safeParse(input);
  if (!parsed.success) throw invalidFields(parsed.error);
  const values = {
    siteName: parsed.data.siteName || null,
    disclaimer: parsed.data.disclaimer || null,
    updatedBy: actor.id,
    updatedAt: new Date(),
  };
  await transaction(async (tx) => {
    await tx
      .insert(siteSettingsTable)
      .values({ id: true, ...values })
      .onConflictDoUpdate({ target: siteSettingsTable.id, set: values });
    await announcePublicChange(tx, EVERYTHING);
  });
}

/** The newsroom's rating scale of claim reviews, best first (the default until an admin edits it). */
export async function getRatingScale(): Promise<RatingScale> {
  const [row] = await db()
    .select({ ratingScale: siteSettingsTable.ratingScale })
    .from(siteSettingsTable);
  return row?.ratingScale ?? defaultRatingScale;
}

/**
 * Replaces the rating scale. Published claim reviews rate against it from now on, so every
 * cached page is dropped. Requires `settings.manage`; throws InvalidError with the fields'
 * messages (keyed `levels.<index>.<field>`).
 */
export async function updateRatingScale(actor: Actor, scale: unknown): Promise<void> {
  assertCan(actor, 'settings.manage');
  const parsed = ratingScaleSchema.safeParse(scale);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.length ? `levels.${issue.path.join('.')}` : 'levels';
      fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
    }
    throw new InvalidError('Please correct the rating scale.', fieldErrors);
  }
  await transaction(async (tx) => {
    await tx
      .insert(siteSettingsTable)
      .values({ id: true, ratingScale: parsed.data, updatedBy: actor.id, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: siteSettingsTable.id,
        set: { ratingScale: parsed.data, updatedBy: actor.id, updatedAt: new Date() },
      });
    await announcePublicChange(tx, EVERYTHING);
  });
}
