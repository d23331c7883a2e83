import { NextResponse } from 'next/server';
import { jsonRoute } from '@/app/_lib/json-route';
import type { ArchiveView, CaptureView } from '@/components/editor/capture-status';
import { newsroomTimeZone } from '@/lib/config';
import { formatMoment } from '@/lib/content/dates';
import { latestArchives } from '@/lib/sources/archives';
import { latestCaptures } from '@/lib/sources/captures';

/**
 * The latest capture of each source of the brief, and its latest archived copy (asked for on
 * publication), for the editor's source cards.
 */
export const POST = jsonRoute<{ id: string }>(async (actor, _body, { id }) => {
  const timeZone = newsroomTimeZone();
  const captures: Record<string, CaptureView> = {};
  for (const [sourceId, capture] of await latestCaptures(actor, id)) {
    captures[sourceId] = {
      url: capture.url,
      href: `/desk/briefs/${id}/captures/${capture.id}`,
      state: capture.state,
      when: formatMoment(capture.fetchedAt ?? capture.requestedAt, timeZone),
      httpStatus: capture.httpStatus,
      finalUrl: capture.finalUrl,
      hasText: capture.hasText,
      failureMessage: capture.failureMessage,
    };
  }
  const archives: Record<string, ArchiveView> = {};
  for (const [sourceId, archive] of await latestArchives(actor, id)) {
    archives[sourceId] = {
      url: archive.url,
      state: archive.state,
      when: formatMoment(archive.archivedAt ?? archive.requestedAt, timeZone),
      archiveUrl: archive.archiveUrl,
      failureMessage: archive.failureMessage,
    };
  }
  return NextResponse.json({ captures, archives });
});
