import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { publicListPage } from '@/app/_lib/public-cache';
import { CheckedOnLine } from '@/components/public/checked-on-line';
import { SafeMarkup } from '@/components/ui/safe-markup';
import { newsroomTimeZone } from '@/lib/config';
import { frontPageNumber } from '@/lib/publication/public-routes';
import { PUBLIC_PAGE_SIZE } from '@/lib/publication/queries';
import { jsonLdScript } from '@/lib/publication/safe-html';
import { listPageHref } from '@/lib/publication/shared-cache';
import { frontPageStructuredData } from '@/lib/publication/site-data';
import { suggestQuestionForm } from '@/lib/reports/report-pages';
import { getSiteSettings } from '@/lib/settings/site';

const description =
  'Short, sourced answers to one question each, checked by a second person and dated.';

export async function generateMetadata(): Promise<Metadata> {
  const { baseUrl, name } = await getSiteSettings();
  return {
    title: `${name} — fact-check briefs`,
    description,
    alternates: {
      canonical: `${baseUrl}/`,
      types: { 'application/atom+xml': `${baseUrl}/feed.xml` },
    },
    openGraph: {
      type: 'website',
      title: `${name} — fact-check briefs`,
      description,
      url: `${baseUrl}/`,
      siteName: name,
    },
  };
}

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  await connection();
  const page = frontPageNumber((await searchParams).page);
  const { items, total } = await publicListPage(page);
  const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
  const timeZone = newsroomTimeZone();
  return (
    <main id="main">
      <SafeMarkup markup={jsonLdScript(frontPageStructuredData(await getSiteSettings()))} />
      <p className="tagline">Fact-check briefs, checked by a second person and dated.</p>
      <h1>Latest briefs</h1>
      {items.length === 0 ? (
        <p>No briefs have been published yet.</p>
      ) : (
        <ol className="public-list">
          {items.map((item) => (
            <li key={item.slug}>
              <h2>
                <a href={`/briefs/${item.slug}`}>{item.question}</a>
              </h2>
              <CheckedOnLine day={item.checkedOn} timeZone={timeZone} />
              <p>{item.excerpt}</p>
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="pager">
          {page > 1 && <Link href={listPageHref('/', page - 1)}>← Newer</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={listPageHref('/', page + 1)}>Older →</Link>}
        </nav>
      )}
      {/* The same markup as the page that shows it again after bad input (app/(public)/suggest). */}
      <SafeMarkup markup={suggestQuestionForm()} />
    </main>
  );
}
