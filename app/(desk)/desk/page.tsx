import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/app/_lib/guard';
import { type BriefListItem, listBriefs } from '@/lib/briefs/queries';
import { listRecheckDue, listSourcesNeedingAttention } from '@/lib/monitoring/queries';
import { can } from '@/lib/policy/policy';
import { roleLabels } from '@/lib/users/schemas';
import { listReviewQueue } from '@/lib/workflow/queries';
import { stateLabels } from '@/lib/workflow/rules';
import { NewBriefButton } from './new-brief-button';
import { RecheckDueList, SourcesNeedingAttention } from './source-monitoring';

export const metadata: Metadata = { title: 'Dashboard — Factdesk' };

function BriefList({ briefs, empty }: { briefs: BriefListItem[]; empty: string }) {
  if (briefs.length === 0) return <p className="hint">{empty}</p>;
  return (
    <ul className="brief-list">
      {briefs.map((brief) => (
        <li key={brief.id}>
          <Link href={`/desk/briefs/${brief.id}`}>{brief.question || 'Untitled brief'}</Link>
          <span className="muted">
            {' '}
            · {stateLabels[brief.state]} · version {brief.headNumber} · {brief.createdByName} ·{' '}
            {brief.updatedAt.toLocaleDateString('en-US', { dateStyle: 'medium' })}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default async function DashboardPage() {
  const actor = await requirePermission('/desk', 'desk.view');
  const reviews = can(actor, 'briefs.review');
  const [mine, recent, queue, attention, recheckDue] = await Promise.all([
    listBriefs(actor, { createdBy: actor.id, limit: 20 }),
    listBriefs(actor, { limit: 20 }),
    reviews ? listReviewQueue(actor) : Promise.resolve(null),
    reviews ? listSourcesNeedingAttention(actor) : Promise.resolve(null),
    reviews ? listRecheckDue(actor) : Promise.resolve(null),
  ]);
  const now = Date.now();
  return (
    <main className="desk-page">
      <div className="page-head">
        <h1>Dashboard</h1>
        {can(actor, 'briefs.edit') && (
          <div className="row">
            <Link className="button" href="/desk/import">
              Import
            </Link>
            <NewBriefButton />
          </div>
        )}
      </div>
      <p className="hint">
        {actor.name} · {roleLabels[actor.role]}
      </p>
      {queue && (
        <section aria-labelledby="review-queue">
          <h2 id="review-queue">Review queue ({queue.length})</h2>
          {queue.length === 0 ? (
            <p className="hint">Nothing waits for review.</p>
          ) : (
            <ul className="brief-list">
              {queue.map((item) => (
                <li key={item.id}>
                  <Link href={`/desk/briefs/${item.id}/review`}>
                    {item.question || 'Untitled brief'}
                  </Link>
                  <span className="muted">
                    {' '}
                    · version {item.versionNumber} by {item.authorName} · waiting{' '}
                    {Math.max(1, Math.round((now - item.submittedAt.getTime()) / 60_000))} min
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {attention && <SourcesNeedingAttention briefs={attention} />}
      {recheckDue && <RecheckDueList due={recheckDue} />}
      <div className="two-columns even">
        <section aria-labelledby="my-briefs">
          <h2 id="my-briefs">My briefs</h2>
          <BriefList
            briefs={mine}
            empty="You have not started a brief yet. “New brief” starts one."
          />
        </section>
        <section aria-labelledby="recent-briefs">
          <h2 id="recent-briefs">Recently changed in the newsroom</h2>
          <BriefList briefs={recent} empty="No briefs yet." />
        </section>
      </div>
    </main>
  );
}
