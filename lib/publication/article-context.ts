import 'server-only';
import { newsroomTimeZone } from '@/lib/config';
import { calendarDate } from '@/lib/content/dates';
import type { BriefDocument } from '@/lib/content/document';
import { assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { getSiteSettings } from '@/lib/settings/site';
import { archivedCopiesOf } from '@/lib/sources/archived-copies';
import { goneSourcesOf } from '@/lib/sources/gone-sources';
import type { BriefForReaders, ReaderCorrection } from './brief-html';
import { listCorrections, relatedBriefSlugs } from './queries';

/** The article for staff always has a date: today's. */
export interface StaffArticle extends BriefForReaders {
  checkedOn: string;
  corrections: ReaderCorrection[];
}

/**
 * A version of a brief as readers would see it if it were checked today: for the preview and the
 * review screen (a reviewer's approval stamps today's date). Requires `briefs.view`.
 */
export async function getArticleForStaff(
  actor: Actor,
  briefId: string,
  document: BriefDocument,
): Promise<StaffArticle> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  const [notes, relatedSlugs, archivedCopies, goneSourceIds] = await Promise.all([
    listCorrections(briefId),
    relatedBriefSlugs(document.relatedQuestions),
    archivedCopiesOf(briefId, document.sources),
    goneSourcesOf(briefId, document.sources),
  ]);
  const site = await getSiteSettings();
  return {
    document,
    checkedOn: calendarDate(new Date(), newsroomTimeZone()),
    disclaimer: site.disclaimer,
    ratingScale: site.ratingScale,
    corrections: notes,
    relatedSlugs,
    archivedCopies,
    goneSourceIds,
  };
}
