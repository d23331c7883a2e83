import { startOfDayInZone } from '@/lib/content/dates';
import { xmlSafe } from '@/lib/content/safe-text';
import type { PublicListItem } from './queries';
import type { SiteSettings } from './render';

/**
 * The public machine-readable documents (Atom feed, sitemap, robots.txt), written by hand: every
 * value goes through `escapeXml`, so no stored text can add markup or make them ill-formed
 * (the `feed` library wrapped raw text in CDATA declared as HTML, and escaped only the first `]]>`).
 */

/** Text or attribute value for XML: characters XML cannot hold removed, markup characters escaped. */
export function escapeXml(value: string): string {
  return xmlSafe(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A brief's public address, for XML documents. */
export function briefUrl(site: SiteSettings, slug: string): string {
  // xmlSafe first: encodeURIComponent throws on a lone surrogate.
  return `${site.baseUrl}/briefs/${encodeURIComponent(xmlSafe(slug))}`;
}

/** Plain text in an Atom text construct: `type="text"`, so readers show it and never parse it. */
export function textElement(name: string, value: string): string {
  return `<${name} type="text">${escapeXml(value)}</${name}>`;
}

/**
 * The Atom feed of the given published briefs (most recently checked first). A checked-on day
 * is dated at its first moment in the newsroom's time zone, with that zone's offset
 * (`2025-12-06T00:00:00+01:00` in Paris), so that no reader's feed shows the day before.
 */
export function renderAtomFeed(
  site: SiteSettings,
  items: PublicListItem[],
  timeZone = 'UTC',
): string {
  const updated =
    startOfDayInZone(items[0]?.checkedOn ?? '', timeZone) ?? new Date(0).toISOString();
  const home = `${site.baseUrl}/`;
  const entries = items.map((item) => {
    const url = briefUrl(site, item.slug);
    const date = startOfDayInZone(item.checkedOn, timeZone) ?? updated;
    return atomEntry({ title: item.question, id: url, url, updated: date, summary: item.excerpt });
  });
  return atomFeed(site, {
    id: home,
    title: `${site.name} — fact-check briefs`,
    subtitle: 'Short, sourced answers, checked by a second person and dated.',
    updated,
    page: home,
    self: `${site.baseUrl}/feed.xml`,
    entries,
  });
}

/** One entry of an Atom feed: every value escaped, its texts `type="text"`. */
export function atomEntry(entry: {
  title: string;
  id: string;
  url: string;
  updated: string;
  summary: string;
}): string {
  return [
    '<entry>',
    textElement('title', entry.title),
    `<id>${escapeXml(entry.id)}</id>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
    `<updated>${entry.updated}</updated>`,
    textElement('summary', entry.summary),
    '</entry>',
  ].join('\n');
}

/** A whole Atom feed of the site around `entries` (from atomEntry). */
export function atomFeed(
  site: SiteSettings,
  feed: {
    id: string;
    title: string;
    subtitle: string;
    updated: string;
    /** The page the feed follows, and the feed's own address. */
    page: string;
    self: string;
    entries: string[];
  },
): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${escapeXml(feed.id)}</id>`,
    textElement('title', feed.title),
    textElement('subtitle', feed.subtitle),
    `<updated>${feed.updated}</updated>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.page)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>`,
    `<author><name>${escapeXml(site.name)}</name></author>`,
    textElement('rights', site.name),
    ...feed.entries,
    '</feed>',
    '',
  ].join('\n');
}

/** The sitemap: the front page and every published brief with its checked-on day. */
export function renderSitemap(
  site: SiteSettings,
  briefs: { slug: string; checkedOn: string }[],
): string {
  const urls = briefs.map(({ slug, checkedOn }) => {
    const lastmod = DAY.test(checkedOn) ? `<lastmod>${checkedOn}</lastmod>` : '';
    return `<url><loc>${escapeXml(briefUrl(site, slug))}</loc>${lastmod}</url>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    `<url><loc>${escapeXml(`${site.baseUrl}/`)}</loc></url>`,
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/** robots.txt: the newsroom is not for crawlers. A line break in the base URL cannot add rules. */
export function renderRobots(site: SiteSettings): string {
  const sitemap = xmlSafe(`${site.baseUrl}/sitemap.xml`).replace(/\s/g, '');
  return [
    'User-agent: *',
    'Disallow: /desk',
    'Disallow: /api',
    'Disallow: /login',
    `Sitemap: ${sitemap}`,
    '',
  ].join('\n');
}

/**
 * Headers for these documents: they run nothing, so a browser that opens one (and might render
 * XML as XHTML) is given no permission at all.
 */
export const DOCUMENT_SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox",
  'x-content-type-options': 'nosniff',
} as const;
