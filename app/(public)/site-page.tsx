import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { SafeMarkup } from '@/components/ui/safe-markup';
import type { SitePageKind } from '@/db/enums';
import { newsroomTimeZone } from '@/lib/config';
import { calendarDate, formatCheckedOn } from '@/lib/content/dates';
import { renderRichText } from '@/lib/publication/brief-html';
import { getSitePage } from '@/lib/settings/pages';
import { getSiteSettings } from '@/lib/settings/site';
import { sitePages } from '@/lib/settings/site-pages';

/**
 * One of the newsroom's own pages (methodology, corrections policy) as readers see it: its
 * current text and the day it was last changed; 404 while nobody has written it.
 */
export async function sitePageMetadata(kind: SitePageKind): Promise<Metadata> {
  await connection();
  const { title, path } = sitePages[kind];
  const site = await getSiteSettings();
  return {
    title: `${title} — ${site.name}`,
    alternates: { canonical: `${site.baseUrl}${path}` },
    openGraph: { type: 'website', title, url: `${site.baseUrl}${path}`, siteName: site.name },
  };
}

export async function SitePage({ kind }: { kind: SitePageKind }) {
  await connection();
  const page = await getSitePage(kind);
  if (!page) notFound();
  const updatedOn = calendarDate(page.createdAt, newsroomTimeZone());
  return (
    <main id="main" className="site-page">
      <article className="brief">
        <h1>{sitePages[kind].title}</h1>
        <p className="checked-line">
          Last updated <time dateTime={updatedOn}>{formatCheckedOn(updatedOn)}</time>
        </p>
        <SafeMarkup markup={renderRichText(page.content)} />
      </article>
    </main>
  );
}
