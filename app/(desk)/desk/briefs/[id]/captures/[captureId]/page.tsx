import type { Metadata } from 'next';
import Link from 'next/link';
import { orNotFound, requirePermission } from '@/app/_lib/guard';
import { newsroomTimeZone } from '@/lib/config';
import { formatMoment } from '@/lib/content/dates';
import { getCapture } from '@/lib/sources/captures';

export const metadata: Metadata = { title: 'Captured page — Factdesk' };

/** A source's captured page as the newsroom keeps it: what was fetched, and the text read. */
export default async function CapturePage({
  params,
}: {
  params: Promise<{ id: string; captureId: string }>;
}) {
  const { id, captureId } = await params;
  const actor = await requirePermission(`/desk/briefs/${id}/captures/${captureId}`, 'briefs.view');
  const capture = await orNotFound(getCapture(actor, id, captureId));
  const timeZone = newsroomTimeZone();
  return (
    <main className="desk-page">
      <p>
        <Link href={`/desk/briefs/${id}`}>← Back to the brief</Link>
      </p>
      <h1>Captured page</h1>
      <dl className="facts">
        <dt>Address</dt>
        <dd>{capture.url}</dd>
        {capture.finalUrl && capture.finalUrl !== capture.url && (
          <>
            <dt>Ended at</dt>
            <dd>{capture.finalUrl}</dd>
          </>
        )}
        <dt>{capture.state === 'pending' ? 'Asked for' : 'Captured'}</dt>
        <dd>{formatMoment(capture.fetchedAt ?? capture.requestedAt, timeZone)}</dd>
        {capture.httpStatus !== null && (
          <>
            <dt>HTTP status</dt>
            <dd>{capture.httpStatus}</dd>
          </>
        )}
        {capture.mediaType && (
          <>
            <dt>Type</dt>
            <dd>
              {capture.mediaType}
              {capture.byteLength !== null &&
                `, ${capture.byteLength.toLocaleString('en-US')} bytes`}
            </dd>
          </>
        )}
        {capture.sha256 && (
          <>
            <dt>SHA-256</dt>
            <dd>
              <code>{capture.sha256}</code>
            </dd>
          </>
        )}
      </dl>
      {capture.state === 'failed' && <p className="flag">{capture.failureMessage}</p>}
      <section aria-labelledby="captured-text">
        <h2 id="captured-text">Text read from it</h2>
        {capture.readableText ? (
          <pre className="captured-text">{capture.readableText}</pre>
        ) : (
          <p className="hint">No readable text was found in this capture.</p>
        )}
      </section>
    </main>
  );
}
