import type { Metadata } from 'next';
import { orNotFound, requirePermission } from '@/app/_lib/guard';
import { BriefEditor } from '@/components/editor/brief-editor';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { listColleagues } from '@/lib/comments/queries';
import { newsroomTimeZone } from '@/lib/config';
import { getArchiveStatus, listAssignableReviewers } from '@/lib/desk/mutations';
import { InvalidError } from '@/lib/errors';
import { can } from '@/lib/policy/policy';
import { getRatingScale } from '@/lib/settings/site';
import { latestArchives } from '@/lib/sources/archives';
import { getWorkflow } from '@/lib/workflow/queries';
import { ArchivedBrief } from './archived-brief';
import { SourceWatchPanel } from './source-watch-panel';
import { WorkflowPanel } from './workflow-panel';

export const metadata: Metadata = { title: 'Edit brief — Factdesk' };

export default async function BriefEditorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ restored?: string; mode?: string }>;
}) {
  const { id } = await params;
  const { restored, mode } = await searchParams;
  const actor = await requirePermission(`/desk/briefs/${id}`, 'briefs.view');
  const archive = await orNotFound(getArchiveStatus(actor, id));
  if (archive.archivedAt) {
    return <ArchivedBrief briefId={id} actor={actor} archive={archive} />;
  }
  const brief = await orNotFound(getBriefForEditing(actor, id));
  const workflow = await orNotFound(getWorkflow(actor, id));
  // Null too when the brief left review since its state was read (someone approved it).
  const reviewerChoices =
    workflow.state === 'in_review' && can(actor, 'briefs.assign')
      ? await listAssignableReviewers(actor, id).catch((error: unknown) => {
          if (error instanceof InvalidError) return null;
          throw error;
        })
      : null;
  const people = await listColleagues(actor);
  // Copies the web archive could not make of the sources' addresses as they are now.
  const archives = await latestArchives(actor, id);
  const archiveFailures = brief.document.sources.flatMap((source) => {
    const archive = archives.get(source.id);
    return archive?.state === 'failed' && archive.url === source.url
      ? [
          {
            sourceId: source.id,
            title: source.title || source.url,
            message: archive.failureMessage,
          },
        ]
      : [];
  });
  return (
    <main className="desk-page wide">
      <h1 className="visually-hidden">Edit brief</h1>
      <BriefEditor
        key={`${brief.id}:${restored ?? ''}:${mode ?? ''}`}
        workflowState={brief.state}
        briefId={brief.id}
        viewer={{ id: actor.id }}
        people={people}
        timeZone={newsroomTimeZone()}
        // The review screen's "Suggest changes" opens the editor this way.
        initialMode={mode === 'suggesting' ? 'suggesting' : 'editing'}
        initialDocument={brief.document}
        initialHead={brief.head}
        ratingScale={await getRatingScale()}
        workflowPanel={
          <WorkflowPanel
            briefId={brief.id}
            actor={actor}
            workflow={workflow}
            archiveFailures={archiveFailures}
            reviewerChoices={reviewerChoices}
            mayArchive={archive.archivable && archive.mayArchive}
          />
        }
      />
      <SourceWatchPanel briefId={brief.id} actor={actor} />
    </main>
  );
}
