import { formatCheckedOn } from '@/lib/content/dates';
import { statusLabels } from '@/lib/monitoring/classify';
import { getSourceWatch } from '@/lib/monitoring/queries';
import { type Actor, can } from '@/lib/policy/policy';
import { CheckHistory } from '../../source-monitoring';
import { ReviewIntervalForm } from './review-interval-form';

/**
 * After publication: the brief's review interval (set by reviewers and admins) and, once it is
 * published, what the checks of its sources found.
 */
export async function SourceWatchPanel({ briefId, actor }: { briefId: string; actor: Actor }) {
  const watch = await getSourceWatch(actor, briefId);
  return (
    <section className="panel source-watch" aria-labelledby="source-watch-heading">
      <h2 id="source-watch-heading">After publication</h2>
      {can(actor, 'briefs.review') ? (
        <ReviewIntervalForm briefId={briefId} days={watch.reviewIntervalDays} />
      ) : (
        <p>
          Review interval: {watch.reviewIntervalDays ? `${watch.reviewIntervalDays} days` : 'none'}.
        </p>
      )}
      {watch.recheckDueOn && (
        <p className="hint">A re-check is due after {formatCheckedOn(watch.recheckDueOn)}.</p>
      )}
      {watch.published && (
        <>
          <h3 className="subheading">Source checks</h3>
          <ul className="compact-list" aria-label="Source checks">
            {watch.sources.map((source) => {
              const [latest] = source.history;
              return (
                <li key={source.sourceId}>
                  [{source.number}] {source.title}:{' '}
                  {latest ? statusLabels[latest.status] : 'not checked yet'}
                  {latest && (
                    <details>
                      <summary>Latest checks</summary>
                      <CheckHistory checks={source.history} />
                    </details>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
