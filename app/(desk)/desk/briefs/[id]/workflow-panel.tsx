import Link from 'next/link';
import { getConfig } from '@/lib/config';
import { formatCheckedOn, formatMoment } from '@/lib/content/dates';
import type { ReviewerChoice } from '@/lib/desk/mutations';
import { type Actor, can, holdsRole } from '@/lib/policy/policy';
import type { WorkflowSummary } from '@/lib/workflow/queries';
import { nextState, stateLabels } from '@/lib/workflow/rules';
import { ArchiveForm, AssignReviewerForm } from './desk-forms';
import { ScheduledPublication } from './scheduled-publication';
import { CorrectionForm, PublishForm, SubmitForReviewForm, UnpublishForm } from './workflow-forms';

const actionLabels: Record<string, string> = {
  submit: 'Submitted for review',
  approve: 'Approved',
  request_changes: 'Requested changes',
  edit: 'Edited (review withdrawn)',
  publish: 'Published',
  recheck: 'Re-checked',
  unpublish: 'Unpublished',
  correction: 'Added a public note',
  import: 'Imported',
  schedule: 'Scheduled publication',
  cancel_schedule: 'Cancelled the scheduled publication',
  scheduled_publish: 'Published as scheduled',
  schedule_failed: 'Scheduled publication failed',
  comment_thread_started: 'Comment thread started',
  comment_thread_resolved: 'Comment thread resolved',
  comment_thread_reopened: 'Comment thread reopened',
  assign_reviewer: 'Assigned a reviewer',
  archive: 'Archived',
  restore_from_archive: 'Restored from the archive',
};

const when = (date: Date) => formatMoment(date, getConfig().FACTDESK_TIMEZONE);

/** Review and publication of a brief, with its audit log: beside the editor. */
export function WorkflowPanel({
  briefId,
  actor,
  workflow,
  archiveFailures = [],
  reviewerChoices,
  mayArchive,
}: {
  briefId: string;
  actor: Actor;
  workflow: WorkflowSummary;
  /** Who may be assigned to review it (null: it is not in review, or this person may not assign). */
  reviewerChoices: ReviewerChoice[] | null;
  /** Whether `Archive` is offered: never published, and this person may archive it. */
  mayArchive: boolean;
  /** Sources whose page the web archive could not copy after publication. */
  archiveFailures?: { sourceId: string; title: string; message: string | null }[];
}) {
  const { state, approval, publication } = workflow;
  const approvedNotPublished =
    approval && !(publication.published && publication.versionNumber === approval.versionNumber);
  const afterUnpublish = publication.firstPublishedAt !== null && !publication.published;
  // The policy's answer for this brief (after an admin took it down, only an admin may).
  const mayPublish = can(actor, 'briefs.publish', { brief: publication });
  return (
    <section className="panel workflow-panel" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">
        Review <span className="badge">{stateLabels[state]}</span>
      </h2>
      {workflow.requestedChanges && (
        <div className="banner warn">
          <p>
            <strong>{workflow.requestedChanges.byName} asked for changes</strong> (
            {when(workflow.requestedChanges.at)}):
          </p>
          <p className="requested-comment">{workflow.requestedChanges.comment}</p>
        </div>
      )}
      {nextState(state, 'submit').ok && can(actor, 'briefs.submit') && (
        <SubmitForReviewForm briefId={briefId} />
      )}
      {state === 'in_review' && (
        <p>
          Version {workflow.submittedNumber} is in review
          {workflow.reviewer ? `, assigned to ${workflow.reviewer.name}` : ''}.{' '}
          {can(actor, 'briefs.review') && (
            <Link href={`/desk/briefs/${briefId}/review`}>Review it</Link>
          )}
        </p>
      )}
      {reviewerChoices && (
        <AssignReviewerForm
          briefId={briefId}
          choices={reviewerChoices}
          assignedId={workflow.reviewer?.id ?? null}
        />
      )}
      {approval && (
        <p className="hint">
          Version {approval.versionNumber} approved by {approval.approverName}, checked on{' '}
          {formatCheckedOn(approval.checkedOn)}.
        </p>
      )}
      <h3 className="subheading">Publication</h3>
      {publication.published && publication.versionNumber && publication.checkedOn ? (
        <p>
          Public: version {publication.versionNumber}, checked on{' '}
          <time dateTime={publication.checkedOn}>{formatCheckedOn(publication.checkedOn)}</time>.{' '}
          {publication.slug && <a href={`/briefs/${publication.slug}`}>View the public page</a>}
        </p>
      ) : (
        <p className="hint">
          {publication.firstPublishedAt
            ? 'Unpublished: the public page answers 410.'
            : 'Not published yet.'}
        </p>
      )}
      {archiveFailures.length > 0 && (
        <ul className="compact-list archive-failures" aria-label="Archiving failed">
          {archiveFailures.map((failure) => (
            <li key={failure.sourceId} className="capture-status failed">
              Not archived: {failure.title}. {failure.message}
            </li>
          ))}
        </ul>
      )}
      {approvedNotPublished && mayPublish && (
        <PublishForm
          briefId={briefId}
          versionNumber={approval.versionNumber}
          republishing={
            publication.firstPublishedAt !== null &&
            publication.versionNumber !== approval.versionNumber
          }
          afterUnpublish={afterUnpublish}
        />
      )}
      <ScheduledPublication
        briefId={briefId}
        actor={actor}
        mayPublish={mayPublish}
        publicVersionNumber={publication.published ? publication.versionNumber : null}
        schedulable={
          approvedNotPublished && state === 'approved'
            ? {
                versionNumber: approval.versionNumber,
                republishing:
                  publication.firstPublishedAt !== null &&
                  publication.versionNumber !== approval.versionNumber,
                afterUnpublish,
              }
            : null
        }
      />
      {approvedNotPublished && holdsRole(actor, 'briefs.publish') && !mayPublish && (
        <p className="hint" role="note">
          An admin unpublished this brief, so only an admin can publish it again, with a public note
          saying why.
        </p>
      )}
      {publication.published && holdsRole(actor, 'briefs.recheck') && (
        <p>
          <Link className="button" href={`/desk/briefs/${briefId}/review?recheck=1`}>
            Re-check
          </Link>
        </p>
      )}
      {publication.published && can(actor, 'briefs.unpublish') && (
        <UnpublishForm briefId={briefId} />
      )}
      {publication.firstPublishedAt && can(actor, 'briefs.correct') && (
        <details>
          <summary>Add a correction, clarification or update</summary>
          <CorrectionForm briefId={briefId} />
        </details>
      )}
      {workflow.corrections.length > 0 && (
        <>
          <h3 className="subheading">Corrections and updates</h3>
          <ul className="compact-list">
            {workflow.corrections.map((c) => (
              <li key={c.id}>
                {formatCheckedOn(c.notedOn)} — {c.kind}: {c.note}
              </li>
            ))}
          </ul>
        </>
      )}
      {mayArchive && (
        <>
          <h3 className="subheading">Archive</h3>
          <p className="hint">
            Never published: it can be put away. It leaves every list but Archived; nothing is
            deleted.
          </p>
          <ArchiveForm key="archive" briefId={briefId} archived={false} />
        </>
      )}
      <details className="audit">
        <summary>Audit log ({workflow.audit.length})</summary>
        <ol className="compact-list" aria-label="Audit log">
          {workflow.audit.map((entry) => (
            <li key={entry.id}>
              {when(entry.at)} · {entry.actorName} · {actionLabels[entry.action] ?? entry.action}
              {entry.versionNumber ? ` · version ${entry.versionNumber}` : ''}
              {entry.note ? ` · ${entry.note}` : ''}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
