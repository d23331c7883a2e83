import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { orNotFound, requirePermission } from '@/app/_lib/guard';
import { BriefView } from '@/components/briefs/brief-view';
import { ExportLinks } from '@/components/briefs/export-links';
import { VersionDiff } from '@/components/briefs/version-diff';
import { getVersion, HISTORY_PAGE_SIZE, listVersions } from '@/lib/briefs/queries';
import { getConfig } from '@/lib/config';
import { formatMoment } from '@/lib/content/dates';
import { compareVersions } from '@/lib/content/diff';
import { withoutSuggestions } from '@/lib/content/suggestion-projections';
import { pendingSuggestions } from '@/lib/content/suggestions';
import { versionNumberSchema } from '@/lib/content/version-number';
import { RestoreButton } from './restore-button';

export const metadata: Metadata = { title: 'History — Factdesk' };

const kindLabels: Record<string, string> = {
  autosave: 'Autosave',
  save: 'Saved version',
  restore: 'Restore',
  import: 'Import',
};

/** A version number from the address: absent, or one a version can have ("no such version" else). */
function versionParam(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = versionNumberSchema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

const formatTime = (date: Date) => formatMoment(date, getConfig().FACTDESK_TIMEZONE);

export default async function HistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const actor = await requirePermission(`/desk/briefs/${id}/history`, 'briefs.view');
  const before = versionParam(query.before);
  const view = versionParam(query.view);
  const from = versionParam(query.from);
  const to = versionParam(query.to);

  const history = await orNotFound(listVersions(actor, id, { before }));
  const viewed = view ? await orNotFound(getVersion(actor, id, view)) : undefined;
  // Versions are shown and compared as their text stands: pending suggestions are not text yet.
  const suggested = viewed ? pendingSuggestions(viewed.document).length : 0;
  const comparison =
    from && to
      ? compareVersions(
          await withoutSuggestions(
            (await orNotFound(getVersion(actor, id, Math.min(from, to)))).document,
          ),
          await withoutSuggestions(
            (await orNotFound(getVersion(actor, id, Math.max(from, to)))).document,
          ),
        )
      : undefined;
  const oldest = history.versions.at(-1)?.number;

  return (
    <main className="desk-page">
      <p>
        <Link href={`/desk/briefs/${id}`}>← Back to the editor</Link>
      </p>
      <h1>History: {history.question || 'Untitled brief'}</h1>
      {comparison && from && to && (
        <section className="panel" aria-labelledby="comparison">
          <h2 id="comparison">
            Changes from version {Math.min(from, to)} to version {Math.max(from, to)}
          </h2>
          <VersionDiff comparison={comparison} />
        </section>
      )}
      {viewed && (
        <section className="panel" aria-labelledby="viewed">
          <h2 id="viewed">
            Version {viewed.number} ({kindLabels[viewed.kind]}, {viewed.authorName},{' '}
            {formatTime(viewed.updatedAt)})
          </h2>
          <ExportLinks briefId={id} versionNumber={viewed.number} />
          {suggested > 0 && (
            <p className="hint">
              This version holds {suggested} pending{' '}
              {suggested === 1 ? 'suggestion' : 'suggestions'}, not shown: this is its text as it
              stands. The editor lists them.
            </p>
          )}
          <BriefView document={await withoutSuggestions(viewed.document)} />
        </section>
      )}
      {/* The radios belong to the compare form by id: the restore forms cannot nest inside it. */}
      <div className="history-form">
        <table className="data-table">
          <caption className="visually-hidden">Versions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Kind</th>
              <th scope="col">Who</th>
              <th scope="col">When</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {history.versions.map((version) => (
              <tr key={version.number} aria-label={`Version ${version.number}`}>
                <th scope="row">
                  {version.number}
                  {version.number === history.headNumber && <span className="badge">current</span>}
                  {version.frozen && <span className="badge">submitted</span>}
                </th>
                <td>
                  {kindLabels[version.kind]}
                  {version.restoredFrom && ` of version ${version.restoredFrom}`}
                </td>
                <td>{version.authorName}</td>
                <td>{formatTime(version.updatedAt)}</td>
                <td>
                  <input
                    type="radio"
                    name="from"
                    form="compare-form"
                    value={version.number}
                    defaultChecked={
                      from ? from === version.number : version.number === history.headNumber - 1
                    }
                    aria-label={`Compare from version ${version.number}`}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="to"
                    form="compare-form"
                    value={version.number}
                    defaultChecked={
                      to ? to === version.number : version.number === history.headNumber
                    }
                    aria-label={`Compare to version ${version.number}`}
                  />
                </td>
                <td>
                  <div className="row-actions">
                    <Link
                      className="button"
                      href={`?view=${version.number}`}
                      aria-label={`View version ${version.number}`}
                    >
                      View
                    </Link>
                    {version.number !== history.headNumber && (
                      <RestoreButton briefId={id} number={version.number} />
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="get" id="compare-form" className="row">
          <button type="submit" className="button primary">
            Compare
          </button>
          {oldest && oldest > 1 && history.versions.length === HISTORY_PAGE_SIZE && (
            <Link className="button" href={`?before=${oldest}`}>
              Older versions
            </Link>
          )}
        </form>
      </div>
    </main>
  );
}
