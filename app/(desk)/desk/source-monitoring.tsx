import Link from 'next/link';
import { newsroomTimeZone } from '@/lib/config';
import { formatCheckedOn, formatMoment } from '@/lib/content/dates';
import { displaySafeUrl } from '@/lib/content/safe-text';
import { ATTENTION_STATUSES, statusLabels } from '@/lib/monitoring/classify';
import type { AttentionBrief, CheckLine, RecheckDue } from '@/lib/monitoring/queries';
import type { TextChange } from '@/lib/monitoring/text-compare';

const when = (date: Date) => formatMoment(date, newsroomTimeZone());
const recheckHref = (briefId: string) => `/desk/briefs/${briefId}/review?recheck=1`;

/**
 * The dashboard's `Sources needing attention`: published briefs with a source found gone,
 * changed or without its quote since the last re-check, with what changed and a way to re-check.
 */
export function SourcesNeedingAttention({ briefs }: { briefs: AttentionBrief[] }) {
  return (
    <section aria-labelledby="sources-attention">
      <h2 id="sources-attention">Sources needing attention</h2>
      {briefs.length === 0 ? (
        <p className="hint">
          The sources of published briefs are checked regularly: none needs attention now.
        </p>
      ) : (
        <ul className="brief-list">
          {briefs.map((brief) => (
            <li key={brief.briefId} className="attention-brief">
              <p className="row">
                <Link href={`/desk/briefs/${brief.briefId}`}>
                  {brief.question || 'Untitled brief'}
                </Link>
                <Link className="button" href={recheckHref(brief.briefId)}>
                  Re-check
                </Link>
              </p>
              <ul className="compact-list">
                {brief.sources.map((source) => (
                  <li key={source.sourceId}>
                    <p>
                      <strong>
                        [{source.number}] {source.title}
                      </strong>{' '}
                      <span className="badge warn">{statusLabels[source.status]}</span>{' '}
                      {source.message}{' '}
                      <span className="muted">
                        (found {when(source.since)}
                        {source.checkedAt > source.since &&
                          `, still so when checked ${when(source.checkedAt)}`}
                        )
                      </span>
                    </p>
                    <p className="muted">
                      <a href={source.url} rel="noopener noreferrer nofollow">
                        {displaySafeUrl(source.url)}
                      </a>
                      {source.archiveUrl && (
                        <>
                          {' · '}
                          <a href={source.archiveUrl} rel="noopener noreferrer nofollow">
                            Archived copy
                          </a>{' '}
                          (readers are offered it first)
                        </>
                      )}
                    </p>
                    {source.status === 'quote_missing' && source.quote && (
                      <p className="quote">Quote looked for: “{source.quote}”</p>
                    )}
                    {source.changes && source.changes.length > 0 && (
                      <details>
                        <summary>What changed since the approved capture</summary>
                        <TextChanges changes={source.changes} />
                      </details>
                    )}
                    <details>
                      <summary>Latest checks</summary>
                      <CheckHistory checks={source.history} />
                    </details>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The passages removed from the approved capture and added to the page, where they differ. */
export function TextChanges({ changes }: { changes: TextChange[] }) {
  return (
    <div className="text-changes">
      {changes.map((change, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: their order is the page's and never moves.
        <div key={index} className="diff-text">
          {change.removed.length > 0 && (
            <p>
              <span className="visually-hidden">Removed: </span>
              <del>{change.removed.join(' ')}</del>
            </p>
          )}
          {change.added.length > 0 && (
            <p>
              <span className="visually-hidden">Added: </span>
              <ins>{change.added.join(' ')}</ins>
            </p>
          )}
        </div>
      ))}
    </div>
  );
}

/** A source's latest checks, newest first. */
export function CheckHistory({ checks }: { checks: CheckLine[] }) {
  if (checks.length === 0) return <p className="hint">Not checked yet.</p>;
  return (
    <ol className="compact-list" aria-label="Latest checks">
      {checks.map((check) => (
        <li key={check.checkedAt.toISOString()}>
          {when(check.checkedAt)} ·{' '}
          <span className={ATTENTION_STATUSES.includes(check.status) ? 'badge warn' : 'badge'}>
            {statusLabels[check.status]}
          </span>{' '}
          {check.message}
        </li>
      ))}
    </ol>
  );
}

/** The dashboard's `Re-check due`: published briefs past their review interval. */
export function RecheckDueList({ due }: { due: RecheckDue[] }) {
  return (
    <section aria-labelledby="recheck-due">
      <h2 id="recheck-due">Re-check due</h2>
      {due.length === 0 ? (
        <p className="hint">No published brief is past its review interval.</p>
      ) : (
        <ul className="brief-list">
          {due.map((brief) => (
            <li key={brief.briefId} className="row">
              <Link href={`/desk/briefs/${brief.briefId}`}>
                {brief.question || 'Untitled brief'}
              </Link>
              <span className="muted">
                checked on {formatCheckedOn(brief.checkedOn)}, every {brief.intervalDays} days: due{' '}
                {formatCheckedOn(brief.dueOn)}
              </span>
              <Link className="button" href={recheckHref(brief.briefId)}>
                Re-check
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
