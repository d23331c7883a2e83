import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/app/_lib/guard';
import { newsroomTimeZone } from '@/lib/config';
import { formatCheckedOn, formatMoment } from '@/lib/content/dates';
import { type DeskBriefRow, listDeskBriefs } from '@/lib/desk/list';
import { deskBriefsHref, firstPageView } from '@/lib/desk/view';
import { listRecheckDue, listSourcesNeedingAttention } from '@/lib/monitoring/queries';
import { can } from '@/lib/policy/policy';
import { roleLabels } from '@/lib/users/schemas';
import { listReviewQueue, type ReviewQueueItem } from '@/lib/workflow/queries';
import { stateLabels } from '@/lib/workflow/rules';
import { NewBriefButton } from './new-brief-button';
import { ReviewedNotice } from './reviewed-notice';
import { RecheckDueList, SourcesNeedingAttention } from './source-monitoring';

export const metadata: Metadata = { title: 'Dashboard — Factdesk' };

/** How many briefs each section shows; its link leads to the whole list. */
const SECTION_LENGTH = 8;

function BriefList({
  briefs,
  empty,
  timeZone,
  published = false,
}: {
  briefs: DeskBriefRow[];
  empty: string;
  timeZone: string;
  published?: boolean;
}) {
  if (briefs.length === 0) return <p className="hint">{empty}</p>;
  return (
    <ul className="brief-list">
      {briefs.slice(0, SECTION_LENGTH).map((brief) => (
        <li key={brief.id}>
          <Link href={`/desk/briefs/${brief.id}`}>{brief.question || 'Untitled brief'}</Link>
          <span className="muted">
            {' '}
            ·{' '}
            {published && brief.checkedOn
              ? `checked on ${formatCheckedOn(brief.checkedOn)}`
              : `${stateLabels[brief.state]} · ${formatMoment(brief.updatedAt, timeZone)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ReviewQueue({ queue, actorId }: { queue: ReviewQueueItem[]; actorId: string }) {
  const now = Date.now();
  if (queue.length === 0) return <p className="hint">Nothing waits for review.</p>;
  return (
    <ul className="brief-list">
      {queue.map((item) => (
        <li key={item.id}>
          <Link href={`/desk/briefs/${item.id}`}>{item.question || 'Untitled brief'}</Link>
          <span className="muted">
            {' '}
            · version {item.versionNumber} by {item.authorName} · waiting{' '}
            {Math.max(1, Math.round((now - item.submittedAt.getTime()) / 60_000))} min
            {item.assignedReviewerId === actorId
              ? ' · assigned to you'
              : item.assignedReviewerName
                ? ` · assigned to ${item.assignedReviewerName}`
                : ''}
          </span>{' '}
          {item.refusal ? (
            <span className="hint">{item.refusal}</span>
          ) : (
            <Link
              className="button"
              href={`/desk/briefs/${item.id}/review`}
              aria-label={`Review it: ${item.question || 'Untitled brief'}`}
            >
              Review it
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}

function SeeAll({ href, label }: { href: string; label: string }) {
  return (
    <p>
      <Link href={href}>{label}</Link>
    </p>
  );
}

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission('/desk', 'desk.view');
  const reviews = can(actor, 'briefs.review');
  const [drafts, published, queue, attention, recheckDue] = await Promise.all([
    listDeskBriefs(actor, { ...firstPageView, tab: 'drafts', author: actor.id }),
    listDeskBriefs(actor, { ...firstPageView, tab: 'published', sort: 'checked' }),
    reviews ? listReviewQueue(actor) : Promise.resolve(null),
    reviews ? listSourcesNeedingAttention(actor) : Promise.resolve(null),
    reviews ? listRecheckDue(actor) : Promise.resolve(null),
  ]);
  const timeZone = newsroomTimeZone();
  const { reviewed, outcome } = await searchParams;
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
      {typeof reviewed === 'string' &&
        (outcome === 'approved' || outcome === 'changes_requested') && (
          <ReviewedNotice actor={actor} briefId={reviewed} outcome={outcome} />
        )}
      {queue && (
        <section aria-labelledby="review-queue">
          <h2 id="review-queue">Review queue ({queue.total})</h2>
          <ReviewQueue queue={queue.items} actorId={actor.id} />
          <SeeAll href={deskBriefsHref({ tab: 'in_review' })} label="Every brief in review" />
        </section>
      )}
      {(attention || recheckDue) && (
        <section aria-labelledby="due">
          <h2 id="due">Due</h2>
          {attention && <SourcesNeedingAttention briefs={attention} />}
          {recheckDue && <RecheckDueList due={recheckDue} />}
          <SeeAll
            href={deskBriefsHref({ tab: 'needs_recheck' })}
            label="Every brief that needs a re-check"
          />
        </section>
      )}
      <div className="two-columns even">
        <section aria-labelledby="my-drafts">
          <h2 id="my-drafts">My drafts</h2>
          <BriefList
            briefs={drafts.rows}
            timeZone={timeZone}
            empty="You have no draft. “New brief” starts one."
          />
          <SeeAll
            href={deskBriefsHref({ tab: 'drafts', author: actor.id })}
            label="All my drafts"
          />
        </section>
        <section aria-labelledby="recently-published">
          <h2 id="recently-published">Recently published</h2>
          <BriefList
            briefs={published.rows}
            timeZone={timeZone}
            published
            empty="Nothing is published yet."
          />
          <SeeAll
            href={deskBriefsHref({ tab: 'published', sort: 'checked' })}
            label="Every published brief"
          />
        </section>
      </div>
    </main>
  );
}
