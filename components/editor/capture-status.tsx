'use client';

import { useCallback, useEffect, useState } from 'react';
import { displaySafeUrl } from '@/lib/content/safe-text';

/** A source's latest capture, as its card shows it. */
export interface CaptureView {
  /** The address captured (the source's address may have changed since). */
  url: string;
  /** The page showing what was captured. */
  href: string;
  state: 'pending' | 'captured' | 'failed';
  /** When it was taken (or asked for, while pending), in the newsroom's time zone. */
  when: string;
  httpStatus: number | null;
  finalUrl: string | null;
  hasText: boolean;
  failureMessage: string | null;
}

/** A source's latest archived copy in the web archive (asked for on publication). */
export interface ArchiveView {
  /** The address archived. */
  url: string;
  state: 'pending' | 'archived' | 'failed';
  /** When the archive took its copy (or when it was asked for), in the newsroom's time zone. */
  when: string;
  archiveUrl: string | null;
  failureMessage: string | null;
}

/** While a capture is being taken, the cards ask again this often. */
const PENDING_POLL_MS = 2000;

/**
 * The latest captures of a brief's sources, asked for again after every save (`revision`) and
 * every two seconds while one is being taken; `captureAgain` asks for a new one.
 */
export function useCaptures(briefId: string, revision: number) {
  const [captures, setCaptures] = useState<ReadonlyMap<string, CaptureView>>(new Map());
  const [archives, setArchives] = useState<ReadonlyMap<string, ArchiveView>>(new Map());
  const [asked, setAsked] = useState(0);
  const pending = [...captures.values()].some((capture) => capture.state === 'pending');

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision and asked are triggers.
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const response = await fetch(`/api/briefs/${briefId}/captures`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        if (!response.ok || cancelled) return;
        const answer = (await response.json()) as {
          captures: Record<string, CaptureView>;
          archives: Record<string, ArchiveView>;
        };
        if (cancelled) return;
        setCaptures(new Map(Object.entries(answer.captures)));
        setArchives(new Map(Object.entries(answer.archives)));
      } catch {
        // Offline: the cards keep what they showed; the next save or poll asks again.
      }
    };
    void load();
    const timer = pending ? setInterval(load, PENDING_POLL_MS) : undefined;
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [briefId, revision, asked, pending]);

  const captureAgain = useCallback(
    async (sourceId: string) => {
      await fetch(`/api/briefs/${briefId}/captures/again`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sourceId }),
      }).catch(() => {});
      setAsked((count) => count + 1);
    },
    [briefId],
  );
  return { captures, archives, captureAgain };
}

/**
 * A capture taken, in one line: when, its HTTP status, the address it ended at when it was
 * redirected, and whether no text could be read. The source card and the review say it alike.
 */
export function capturedLine(capture: {
  url: string;
  when: string;
  httpStatus: number | null;
  finalUrl: string | null;
  hasText: boolean;
}): string {
  const moved =
    capture.finalUrl && capture.finalUrl !== capture.url
      ? `, from ${displaySafeUrl(capture.finalUrl)
          .replace(/^https?:\/\//, '')
          .slice(0, 60)}`
      : '';
  return `Captured ${capture.when} (HTTP ${capture.httpStatus}${moved})${capture.hasText ? '' : ', no readable text'}`;
}

/** What a source card says of its page's capture, with `Capture again`. */
export function CaptureStatus({
  sourceUrl,
  sourceTitle,
  capture,
  onCaptureAgain,
}: {
  sourceUrl: string;
  sourceTitle: string;
  capture: CaptureView | undefined;
  onCaptureAgain?: () => void;
}) {
  if (!sourceUrl) return null;
  // The address changed since: its capture is asked for when the brief is saved.
  const current = capture && capture.url === sourceUrl ? capture : undefined;
  let text: string;
  // A source saved before captures existed, or not saved yet (its save will capture it).
  if (!current) text = 'Not captured yet: the page is captured when the brief is saved.';
  else if (current.state === 'pending') text = 'Capturing the page…';
  else if (current.state === 'failed')
    text = `Capture failed ${current.when}: ${current.failureMessage}`;
  else text = capturedLine(current);
  // Never captured (a source saved before captures existed): asked for now, not again.
  const againLabel = current ? 'Capture again' : 'Capture now';
  return (
    <p className={`capture-status ${current?.state ?? 'none'}`}>
      <span role="status">{text}</span>
      {current && current.state !== 'pending' && (
        <>
          {' '}
          <a href={current.href}>View capture</a>
        </>
      )}
      {onCaptureAgain && current?.state !== 'pending' && (
        <>
          {' '}
          <button
            type="button"
            className="link-button"
            onClick={onCaptureAgain}
            aria-label={`${againLabel} ${sourceTitle || 'source'}`}
          >
            {againLabel}
          </button>
        </>
      )}
    </p>
  );
}

/** What a source card says of the web archive's copy of its page, once one was asked for. */
export function ArchiveStatus({
  sourceUrl,
  archive,
}: {
  sourceUrl: string;
  archive: ArchiveView | undefined;
}) {
  // A copy of an address the source no longer has is not its copy.
  if (!archive || archive.url !== sourceUrl) return null;
  return (
    <p className={`capture-status archive-status ${archive.state}`}>
      {archive.state === 'pending' && 'Asking the web archive for a copy…'}
      {archive.state === 'failed' && `Archiving failed: ${archive.failureMessage}`}
      {archive.state === 'archived' && archive.archiveUrl && (
        <>
          Archived {archive.when}:{' '}
          <a href={archive.archiveUrl} target="_blank" rel="noopener noreferrer nofollow">
            {displaySafeUrl(archive.archiveUrl)
              .replace(/^https?:\/\//, '')
              .slice(0, 60)}
          </a>
        </>
      )}
    </p>
  );
}
