import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePermission } from '@/app/_lib/guard';
import { newsroomTimeZone } from '@/lib/config';
import { formatCheckedOn, formatMoment } from '@/lib/content/dates';
import { countDeskTabs, type DeskBriefRow, listDeskBriefs, listDeskPeople } from '@/lib/desk/list';
import {
  type DeskSort,
  type DeskView,
  defaultDirections,
  deskBriefsHref,
  deskSortLabels,
  deskTabLabels,
  deskTabs,
  isCanonicalQuery,
  parseDeskView,
} from '@/lib/desk/view';
import { stateLabels } from '@/lib/workflow/rules';
import { DeskTabList } from './desk-tab-list';

export const metadata: Metadata = { title: 'Briefs — Factdesk' };

function publicationText(row: DeskBriefRow, timeZone: string): string {
  switch (row.publication.kind) {
    case 'published':
      return 'Published';
    case 'newer_draft':
      return 'Published, newer draft';
    case 'scheduled':
      return `Scheduled for ${formatMoment(row.publication.at, timeZone)}`;
    case 'unpublished':
      return 'Unpublished';
    case 'none':
      return row.archivedAt ? 'Archived' : 'Not published';
  }
}

/** A column header that sorts by it: the first click in its natural order, the next reverses. */
function SortHeader({ view, sort }: { view: DeskView; sort: DeskSort }) {
  const active = view.sort === sort;
  const dir = active ? (view.dir === 'asc' ? 'desc' : 'asc') : defaultDirections[sort];
  return (
    <th
      scope="col"
      aria-sort={active ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <Link href={deskBriefsHref({ ...view, sort, dir, after: null, before: null })}>
        {deskSortLabels[sort]}
        {active && <span aria-hidden="true">{view.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
      </Link>
    </th>
  );
}

export default async function DeskBriefsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission('/desk/briefs', 'briefs.view');
  const params = await searchParams;
  const view = parseDeskView(params);
  if (!isCanonicalQuery(params, view)) redirect(deskBriefsHref(view));
  const people = await listDeskPeople(actor);
  // A filter by nobody of the newsroom (an old or mistyped link) is dropped, not applied
  // unseen while its field says "Anyone".
  const known = (id: string | null) => id === null || people.some((person) => person.id === id);
  if (!known(view.author) || !known(view.reviewer)) {
    redirect(
      deskBriefsHref({
        ...view,
        author: known(view.author) ? view.author : null,
        reviewer: known(view.reviewer) ? view.reviewer : null,
        after: null,
        before: null,
      }),
    );
  }
  const [page, counts] = await Promise.all([listDeskBriefs(actor, view), countDeskTabs(actor)]);
  const timeZone = newsroomTimeZone();
  const filtered = view.q !== '' || view.author !== null || view.reviewer !== null;
  const tabs = deskTabs.map((tab) => ({
    tab,
    label: deskTabLabels[tab],
    count: counts[tab],
    href: deskBriefsHref({ ...view, tab, after: null, before: null }),
  }));
  return (
    <main className="desk-page wide">
      <div className="page-head">
        <h1>Briefs</h1>
      </div>
      <DeskTabList tabs={tabs} current={view.tab} />
      <div id="brief-list-panel" role="tabpanel" aria-labelledby={`tab-${view.tab}`}>
        <search>
          {/* Keyed by the view: its fields show the view's values after every navigation
            (uncontrolled fields keep what they held when the page changes under them). */}
          <form
            key={deskBriefsHref(view)}
            className="list-filters"
            action="/desk/briefs"
            method="get"
          >
            {view.tab !== 'all' && <input type="hidden" name="tab" value={view.tab} />}
            {view.sort !== 'updated' && <input type="hidden" name="sort" value={view.sort} />}
            {view.dir !== defaultDirections[view.sort] && (
              <input type="hidden" name="dir" value={view.dir} />
            )}
            <div className="field">
              <label htmlFor="brief-search">Search briefs</label>
              <input
                id="brief-search"
                name="q"
                type="search"
                defaultValue={view.q}
                maxLength={200}
                placeholder="Question or text"
              />
            </div>
            <div className="field">
              <label htmlFor="brief-author">Author</label>
              <select id="brief-author" name="author" defaultValue={view.author ?? ''}>
                <option value="">Anyone</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="brief-reviewer">Reviewer</label>
              <select id="brief-reviewer" name="reviewer" defaultValue={view.reviewer ?? ''}>
                <option value="">Anyone</option>
                {people
                  // Those who review, and the one filtered by (who may review no more).
                  .filter((person) => person.reviews || person.id === view.reviewer)
                  .map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name}
                    </option>
                  ))}
              </select>
            </div>
            <div className="row">
              <button type="submit" className="button primary">
                Search
              </button>
              {filtered && (
                <Link
                  className="button"
                  href={deskBriefsHref({ tab: view.tab, sort: view.sort, dir: view.dir })}
                >
                  Clear
                </Link>
              )}
            </div>
          </form>
        </search>
        {page.rows.length === 0 ? (
          <p className="hint">
            {filtered
              ? `No brief in “${deskTabLabels[view.tab]}” matches. Clear the search or the filters, or look in another tab.`
              : `No brief in “${deskTabLabels[view.tab]}”.`}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data-table brief-table">
              <caption className="visually-hidden">
                {deskTabLabels[view.tab]} briefs{view.q ? ` matching “${view.q}”` : ''}; times in{' '}
                {timeZone}
              </caption>
              <thead>
                <tr>
                  <SortHeader view={view} sort="question" />
                  <th scope="col">State</th>
                  <th scope="col">Publication</th>
                  <th scope="col">Authors</th>
                  <th scope="col">Reviewer</th>
                  <SortHeader view={view} sort="updated" />
                  <SortHeader view={view} sort="checked" />
                </tr>
              </thead>
              <tbody>
                {page.rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <Link href={`/desk/briefs/${row.id}`}>
                        {row.question || 'Untitled brief'}
                      </Link>
                    </td>
                    <td>{stateLabels[row.state]}</td>
                    <td>{publicationText(row, timeZone)}</td>
                    <td>{row.authors.join(', ')}</td>
                    <td>{row.reviewerName ?? '—'}</td>
                    <td>
                      <time dateTime={row.updatedAt.toISOString()}>
                        {formatMoment(row.updatedAt, timeZone)}
                      </time>
                    </td>
                    <td>
                      {row.checkedOn ? (
                        <time dateTime={row.checkedOn}>{formatCheckedOn(row.checkedOn)}</time>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="hint">Times are in {timeZone}.</p>
        {(page.previous || page.next || view.after || view.before) && (
          <nav className="row pagination" aria-label="Pages">
            {/* Also on a page past the end (its briefs moved away since the link was made). */}
            {(view.after || view.before) && (
              <Link
                className="button"
                href={deskBriefsHref({ ...view, after: null, before: null })}
              >
                First page
              </Link>
            )}
            {page.previous && (
              <Link
                className="button"
                rel="prev"
                href={deskBriefsHref({ ...view, after: null, before: page.previous })}
              >
                Previous page
              </Link>
            )}
            {page.next && (
              <Link
                className="button"
                rel="next"
                href={deskBriefsHref({ ...view, after: page.next, before: null })}
              >
                Next page
              </Link>
            )}
          </nav>
        )}
      </div>
    </main>
  );
}
