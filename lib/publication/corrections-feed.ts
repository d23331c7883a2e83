import { correctionAnchor, correctionKindName } from './correction-notice';
import { atomEntry, atomFeed, briefUrl } from './feeds';
import type { PublicCorrection } from './public-corrections';
import type { SiteSettings } from './render';

/**
 * The Atom feed of the newest public notes (/corrections.xml), written by hand as the briefs'
 * feed is (lib/publication/feeds.ts): every value escaped, every text `type="text"`. Pure.
 */
export function renderCorrectionsFeed(site: SiteSettings, items: PublicCorrection[]): string {
  const updated = (items[0]?.createdAt ?? new Date(0)).toISOString();
  const page = `${site.baseUrl}/corrections`;
  const entries = items.map((item) =>
    atomEntry({
      title: `${correctionKindName(item.kind)}: ${item.question}`,
      // The note's own id: the same entry whatever becomes of the brief's address.
      id: `urn:uuid:${item.id}`,
      url: `${briefUrl(site, item.slug)}#${correctionAnchor(item.id)}`,
      updated: item.createdAt.toISOString(),
      summary: item.note,
    }),
  );
  return atomFeed(site, {
    id: page,
    title: `${site.name} — corrections and updates`,
    subtitle: 'Every correction, clarification and update of a published brief, newest first.',
    updated,
    page,
    self: `${page}.xml`,
    entries,
  });
}
