import type { Metadata } from 'next';
import { connection } from 'next/server';
import { z } from 'zod';
import { CheckedOnLine } from '@/components/public/checked-on-line';
import { newsroomTimeZone } from '@/lib/config';
import { searchPublicBriefs } from '@/lib/publication/queries';
import { SEARCH_QUERY_MAX, searchQueryText, snippetParts } from '@/lib/publication/search';
import { getSiteSettings } from '@/lib/settings/site';

/**
 * The query as searched (first value if repeated, at most 200 characters, characters no text may
 * hold read as spaces); anything else is empty.
 */
const searchQuery = z
  .union([z.string(), z.array(z.string()).transform((values) => values[0] ?? '')])
  .optional()
  .transform((value) => searchQueryText(value ?? ''))
  .catch('');

export async function generateMetadata(): Promise<Metadata> {
  const { name } = await getSiteSettings();
  return { title: `Search — ${name}`, robots: { index: false } };
}

/** A snippet with its matches marked: the marks come from real matches only, React escapes the text. */
function Snippet({ text, inRelatedQuestions }: { text: string; inRelatedQuestions: boolean }) {
  return (
    <p>
      {inRelatedQuestions && <span className="snippet-label">In its related questions: </span>}
      {snippetParts(text).map((part, index) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: static text
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </p>
  );
}

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  await connection();
  const q = searchQuery.parse((await searchParams).q);
  const { hits, total } = await searchPublicBriefs(q);
  const timeZone = newsroomTimeZone();
  return (
    <main id="main">
      <h1>Search</h1>
      <search>
        <form method="get" action="/search" className="search-form">
          <label htmlFor="q">Search the briefs</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={SEARCH_QUERY_MAX} />
          <button type="submit" className="button primary">
            Search
          </button>
        </form>
      </search>
      {q.trim() && (
        <p role="status">
          {total === 0
            ? `No published brief matches “${q.trim()}”.`
            : `${total} brief${total === 1 ? '' : 's'} found.`}
        </p>
      )}
      <ol className="public-list">
        {hits.map((hit) => (
          <li key={hit.slug}>
            <h2>
              <a href={`/briefs/${hit.slug}`}>{hit.question}</a>
            </h2>
            <CheckedOnLine day={hit.checkedOn} timeZone={timeZone} />
            <Snippet text={hit.snippet} inRelatedQuestions={hit.inRelatedQuestions} />
          </li>
        ))}
      </ol>
    </main>
  );
}
