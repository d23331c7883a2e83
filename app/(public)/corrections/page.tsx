import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { formatCheckedOn } from '@/lib/content/dates';
import { correctionAnchor, correctionKindName } from '@/lib/publication/correction-notice';
import { listPublicCorrections } from '@/lib/publication/public-corrections';
import { frontPageNumber } from '@/lib/publication/public-routes';
import { PUBLIC_PAGE_SIZE } from '@/lib/publication/queries';
import { listPageHref } from '@/lib/publication/shared-cache';
import { getSiteSettings } from '@/lib/settings/site';

const description =
  'Every correction, clarification and update of a published brief, newest first, with a link to the brief.';

export async function generateMetadata(): Promise<Metadata> {
  const { baseUrl, name } = await getSiteSettings();
  return {
    title: `Corrections and updates — ${name}`,
    description,
    alternates: {
      canonical: `${baseUrl}/corrections`,
      types: { 'application/atom+xml': `${baseUrl}/corrections.xml` },
    },
    openGraph: {
      type: 'website',
      title: `Corrections and updates — ${name}`,
      description,
      url: `${baseUrl}/corrections`,
      siteName: name,
    },
  };
}

/** Every public note of the briefs published now, newest first, 20 a page. */
export default async function CorrectionsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  await connection();
  const page = frontPageNumber((await searchParams).page);
  const [{ items, total }, site] = await Promise.all([
    listPublicCorrections(page),
    getSiteSettings(),
  ]);
  const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
  return (
    <main id="main">
      <h1>Corrections and updates</h1>
      <p className="tagline">
        When a published brief is corrected, clarified or updated, the note is dated on the brief
        and listed here.{' '}
        {site.pages.correctionsPolicy && (
          <>
            <a href="/corrections-policy">Our corrections policy</a>.{' '}
          </>
        )}
        <a href="/corrections.xml">Follow the corrections feed</a>.
      </p>
      {items.length === 0 ? (
        <p>No published brief has been corrected.</p>
      ) : (
        <ol className="public-list corrections-list">
          {items.map((item) => (
            <li key={item.id}>
              <h2>
                <a href={`/briefs/${item.slug}#${correctionAnchor(item.id)}`}>{item.question}</a>
              </h2>
              <p className="checked-line">
                {correctionKindName(item.kind)},{' '}
                <time dateTime={item.notedOn}>{formatCheckedOn(item.notedOn)}</time>
              </p>
              <p className="correction-note">{item.note}</p>
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="pager">
          {page > 1 && <Link href={listPageHref('/corrections', page - 1)}>← Newer</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={listPageHref('/corrections', page + 1)}>Older →</Link>}
        </nav>
      )}
    </main>
  );
}
