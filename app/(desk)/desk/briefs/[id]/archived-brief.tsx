import Link from 'next/link';
import { newsroomTimeZone } from '@/lib/config';
import { formatMoment } from '@/lib/content/dates';
import { getBriefHeadline } from '@/lib/desk/list';
import type { Actor } from '@/lib/policy/policy';
import { ArchiveForm } from './desk-forms';

/**
 * An archived brief, instead of its editor: nothing can change it until it is restored, so the
 * page offers what can be done (restore it, read it, read its history).
 */
export async function ArchivedBrief({
  briefId,
  actor,
  archive,
}: {
  briefId: string;
  actor: Actor;
  archive: { archivedAt: Date | null; mayArchive: boolean };
}) {
  const brief = await getBriefHeadline(actor, briefId);
  return (
    <main className="desk-page">
      <h1>{brief?.question || 'Untitled brief'}</h1>
      <div className="banner warn" role="note">
        <p>
          <strong>Archived</strong>
          {archive.archivedAt && <> on {formatMoment(archive.archivedAt, newsroomTimeZone())}</>}.
          It is listed under Archived only, and nothing can change it until it is restored. Its
          versions, comments and history are kept.
        </p>
      </div>
      {archive.mayArchive ? (
        <ArchiveForm key="restore" briefId={briefId} archived />
      ) : (
        <p className="hint">Its authors, reviewers and admins can restore it.</p>
      )}
      <p className="row">
        <Link href={`/desk/briefs/${briefId}/preview`}>Preview</Link>
        <Link href={`/desk/briefs/${briefId}/history`}>History</Link>
        <Link href="/desk/briefs?tab=archived">Archived briefs</Link>
      </p>
    </main>
  );
}
