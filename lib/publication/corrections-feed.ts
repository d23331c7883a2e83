import { correctionAnchor, correctionKindName } from './correction-notice';
import { briefUrl, escapeXml, textElement } from './feeds';
import type { PublicCorrection } from './public-corrections';
import type { SiteSettings } from './render';

/**
 * The Atom feed of the newest public notes (/corrections.xml), written by hand as the briefs'
 * feed is (lib/publication/feeds.ts): every value escaped, every text `type="text"`. Pure.
 */
export function renderCorrectionsFeed(site: SiteSettings, items: PublicCorrection[]): string {
  const updated = (items[0]?.createdAt ?? new Date(0)).toISOString();
  const page = `${site.baseUrl}/corrections`;
  const entries = items.map((item) => {
    const url = `${briefUrl(site, item.slug)}#${correctionAnchor(item.id)}`;
    return [
      '<entry>',
      textElement('title', `${correctionKindName(item.kind)}: ${item.question}`),
      // The note's own id: the same entry whatever becomes of the brief's address.
      `<id>urn:uuid:${escapeXml(item.id)}</id>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `<updated>${item.createdAt.toISOString()}</updated>`,
      textElement('summary', item.note),
      '</entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${escapeXml(page)}</id>`,
    textElement('title', `${site.name} — corrections and updates`),
    textElement(
      'subtitle',
      'Every correction, clarification and update of a published brief, newest first.',
    ),
    `<updated>${updated}</updated>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(page)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(`${page}.xml`)}"/>`,
    `<author><name>${escapeXml(site.name)}</name></author>`,
    textElement('rights', site.name),
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
