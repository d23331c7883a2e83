'use client';

import { useActionState, useRef, useState } from 'react';
import { capturedLine } from '@/components/editor/capture-status';
import { useConfirmedSubmit } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { displaySafeUrl } from '@/lib/content/safe-text';
import { type FormState, idleFormState } from '@/lib/form-state';
import type { QuoteMatch } from '@/lib/sources/quote-match';
import { unpublishSchema, WITHDRAWAL_NOTICE_MAX } from '@/lib/workflow/schemas';
import { ChangeForReadersFields } from './change-for-readers-fields';
import {
  addCorrectionAction,
  approveAction,
  publishAction,
  recheckAction,
  requestChangesAction,
  submitForReviewAction,
  unpublishAction,
} from './workflow-actions';

export function SubmitForReviewForm({ briefId }: { briefId: string }) {
  const [state, action] = useActionState(submitForReviewAction, idleFormState);
  return (
    <form action={action} className="stack">
      <input type="hidden" name="briefId" value={briefId} />
      <SubmitButton pendingLabel="Submitting…">Submit for review</SubmitButton>
      <FormMessage state={state} />
      {state.fieldErrors?.checks && (
        <ul className="check-details">
          {state.fieldErrors.checks.map((label) => (
            <li key={label}>{label}</li>
          ))}
        </ul>
      )}
    </form>
  );
}

export function PublishForm({
  briefId,
  versionNumber,
  republishing,
  afterUnpublish,
}: {
  briefId: string;
  versionNumber: number;
  republishing: boolean;
  /** Unpublished by an admin: publishing again needs a public note saying why. */
  afterUnpublish: boolean;
}) {
  const [state, action] = useActionState(publishAction, idleFormState);
  return afterUnpublish ? (
    <RepublishFields
      key={state.answeredAt}
      state={state}
      action={action}
      briefId={briefId}
      versionNumber={versionNumber}
    />
  ) : (
    <PublishFields
      key={state.answeredAt}
      state={state}
      action={action}
      briefId={briefId}
      versionNumber={versionNumber}
      republishing={republishing}
    />
  );
}

function RepublishFields({
  state,
  action,
  briefId,
  versionNumber,
}: {
  state: FormState;
  action: (formData: FormData) => void;
  briefId: string;
  versionNumber: number;
}) {
  return (
    <form action={action} className="stack">
      <input type="hidden" name="briefId" value={briefId} />
      <input type="hidden" name="versionNumber" value={versionNumber} />
      <input type="hidden" name="change" value="update" />
      <div className="field">
        <label htmlFor="republish-note">Why it is published again (public note)</label>
        <textarea
          id="republish-note"
          name="note"
          rows={3}
          required
          aria-describedby="republish-hint"
          defaultValue={state.values?.note}
        />
        <p id="republish-hint" className="hint">
          This brief was unpublished. Readers will see this note as an update on its page.
        </p>
        {state.fieldErrors?.note && (
          <p className="field-error">{state.fieldErrors.note.join(' ')}</p>
        )}
      </div>
      <SubmitButton pendingLabel="Publishing…">Publish</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

function PublishFields({
  state,
  action,
  briefId,
  versionNumber,
  republishing,
}: {
  state: FormState;
  action: (formData: FormData) => void;
  briefId: string;
  versionNumber: number;
  republishing: boolean;
}) {
  return (
    <form action={action} className="stack">
      <input type="hidden" name="briefId" value={briefId} />
      <input type="hidden" name="versionNumber" value={versionNumber} />
      {republishing ? (
        // Remounted after every answer (see FormState.answeredAt): it starts from what was sent.
        <ChangeForReadersFields
          idPrefix="publish"
          change={state.values?.change}
          note={state.values?.note}
          noteErrors={state.fieldErrors?.note}
        />
      ) : (
        <input type="hidden" name="change" value="none" />
      )}
      <SubmitButton pendingLabel="Publishing…">Publish</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function UnpublishForm({ briefId }: { briefId: string }) {
  const [state, action] = useActionState(unpublishAction, idleFormState);
  const { confirmSubmit, dialog } = useConfirmedSubmit();
  return (
    <form
      action={action}
      className="stack"
      onSubmit={(event) => {
        // A missing reason goes to the server unasked, which answers beside the field: asking
        // "Unpublish?" first would be a question about a request that cannot succeed.
        const reason = new FormData(event.currentTarget).get('reason');
        if (!unpublishSchema.shape.reason.safeParse(reason).success) return;
        confirmSubmit(event, {
          title: 'Unpublish brief',
          description: 'Unpublish this brief? Its public page will answer 410 Gone.',
          confirmLabel: 'Unpublish',
          tone: 'danger',
        });
      }}
    >
      <input type="hidden" name="briefId" value={briefId} />
      <div className="field">
        <label htmlFor="unpublish-reason">Reason (audit log)</label>
        <input id="unpublish-reason" name="reason" defaultValue={state.values?.reason} />
        {state.fieldErrors?.reason && (
          <p className="field-error">{state.fieldErrors.reason.join(' ')}</p>
        )}
      </div>
      <div className="field">
        <label htmlFor="unpublish-notice">Notice for readers</label>
        <textarea
          id="unpublish-notice"
          name="notice"
          rows={3}
          maxLength={WITHDRAWAL_NOTICE_MAX}
          aria-describedby="unpublish-notice-hint"
          defaultValue={state.values?.notice}
        />
        <p className="hint" id="unpublish-notice-hint">
          Optional, shown on the withdrawn page: why readers no longer find the brief.
        </p>
        {state.fieldErrors?.notice && (
          <p className="field-error">{state.fieldErrors.notice.join(' ')}</p>
        )}
      </div>
      <SubmitButton className="button danger">Unpublish</SubmitButton>
      <FormMessage state={state} />
      {dialog}
    </form>
  );
}

export function CorrectionForm({ briefId }: { briefId: string }) {
  const [state, action] = useActionState(addCorrectionAction, idleFormState);
  // Keyed by the answer: a success empties the fields (and the button's kind) again.
  return (
    <CorrectionFields key={state.answeredAt} briefId={briefId} state={state} action={action} />
  );
}

const noteKinds = ['correction', 'clarification', 'update'] as const;
type NoteKind = (typeof noteKinds)[number];

function CorrectionFields({
  briefId,
  state,
  action,
}: {
  briefId: string;
  state: FormState;
  action: (formData: FormData) => void;
}) {
  const values = state.status === 'error' ? state.values : undefined;
  const [kind, setKind] = useState<NoteKind>(
    noteKinds.find((k) => k === values?.kind) ?? 'correction',
  );
  return (
    <form action={action} className="stack">
      <input type="hidden" name="briefId" value={briefId} />
      <div className="field">
        <label htmlFor="correction-kind">Kind</label>
        <select
          id="correction-kind"
          name="kind"
          value={kind}
          onChange={(event) =>
            setKind(noteKinds.find((k) => k === event.target.value) ?? 'correction')
          }
        >
          <option value="correction">Correction</option>
          <option value="clarification">Clarification</option>
          <option value="update">Update</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="correction-note">Note for readers</label>
        <textarea id="correction-note" name="note" rows={3} defaultValue={values?.note} />
        {state.fieldErrors?.note && (
          <p className="field-error">{state.fieldErrors.note.join(' ')}</p>
        )}
      </div>
      {/* The kind chosen names the button; without JavaScript it stays `Add correction`. */}
      <SubmitButton className="button">Add {kind}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

interface CitedSource {
  id: string;
  number: number;
  title: string;
  url: string;
  quote: string;
  citingSentences: string[];
  /** The latest capture of the address this version cites, if any. */
  capture: {
    state: 'pending' | 'captured' | 'failed';
    when: string;
    httpStatus: number | null;
    finalUrl: string | null;
    failureMessage: string | null;
    hasText: boolean;
    sha256: string | null;
    /** The page showing what was captured. */
    href: string;
  } | null;
  /** The quote looked for in the captured text (null: no quote, or no text to look in). */
  quoteCheck: QuoteMatch | null;
}

/** What the review says of a source's captured page. */
function CaptureLine({ capture, url }: { capture: CitedSource['capture']; url: string }) {
  if (!capture) return <p className="capture-status">Not captured.</p>;
  if (capture.state === 'pending') return <p className="capture-status">Capturing the page…</p>;
  if (capture.state === 'failed') {
    return (
      <p className="capture-status failed">
        Capture failed {capture.when}: {capture.failureMessage}
      </p>
    );
  }
  return (
    <p className="capture-status">
      {capturedLine({ ...capture, url })}. <a href={capture.href}>View the captured text</a>
    </p>
  );
}

/** Whether the source's quote is in its captured page, with the passage when it is. */
function QuoteCheck({ check }: { check: QuoteMatch | null }) {
  if (!check) return null;
  if (!check.found) {
    return <p className="quote-check missing">Quote not found in the captured page</p>;
  }
  return (
    <>
      <p className="quote-check found">Quote found in the captured page</p>
      <blockquote className="passage">
        {check.before}
        <mark>{check.match}</mark>
        {check.after}
      </blockquote>
    </>
  );
}

/** A saved box: ticked or not, and the `Carried over from version N` note when it is one. */
export interface SavedTick {
  ticked: boolean;
  carriedOver: string | null;
}

/** Saves one box; the reason when it could not be saved, null once it is. */
async function saveTick(
  briefId: string,
  purpose: 'review' | 'recheck',
  versionNumber: number,
  sourceId: string,
  ticked: boolean,
): Promise<string | null> {
  try {
    const response = await fetch(`/api/briefs/${briefId}/review-ticks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ purpose, versionNumber, sourceId, ticked }),
    });
    if (response.ok) return null;
    const answer = (await response.json().catch(() => null)) as { error?: string } | null;
    return answer?.error ?? `the server answered ${response.status}.`;
  } catch {
    return 'the server could not be reached.';
  }
}

/**
 * The reviewer's checklist: one `Verified [n]` per cited source, each box saved as it is
 * changed, then approve or send back.
 */
export function ReviewForm({
  briefId,
  versionNumber,
  sources,
  checksPass,
  blockedReason,
  mode,
  ticks,
}: {
  briefId: string;
  versionNumber: number;
  sources: CitedSource[];
  checksPass: boolean;
  blockedReason: string | null;
  mode: 'review' | 'recheck';
  /** The boxes as saved, or as carried over from the last review. */
  ticks: Record<string, SavedTick>;
}) {
  const [verified, setVerified] = useState<Set<string>>(
    () => new Set(Object.keys(ticks).filter((id) => ticks[id]?.ticked)),
  );
  // A carried-over note holds until the reviewer changes that box themselves.
  const [carried, setCarried] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(ticks).flatMap(([id, tick]) =>
        tick.carriedOver ? [[id, tick.carriedOver]] : [],
      ),
    ),
  );
  const [tickError, setTickError] = useState<string | null>(null);
  // The latest save asked for, per source: an older answer arriving late changes nothing.
  const latestSave = useRef(new Map<string, number>());
  const [approveState, approve] = useActionState(
    mode === 'review' ? approveAction : recheckAction,
    idleFormState,
  );
  const [changesState, sendBack] = useActionState(requestChangesAction, idleFormState);
  const allVerified = sources.every((s) => verified.has(s.id));
  const canApprove = allVerified && checksPass && !blockedReason;
  // The captures this screen shows, which the approval binds (refused if one changed since).
  const seenCaptures = JSON.stringify(
    Object.fromEntries(sources.map((source) => [source.id, source.capture?.sha256 ?? null])),
  );
  const setBox = (id: string, on: boolean) =>
    setVerified((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  // Shown at once, saved at once; a save that fails says so and puts the box back.
  const toggle = async (source: CitedSource, on: boolean) => {
    const note = carried[source.id];
    const attempt = (latestSave.current.get(source.id) ?? 0) + 1;
    latestSave.current.set(source.id, attempt);
    setBox(source.id, on);
    setCarried(({ [source.id]: _dropped, ...rest }) => rest);
    setTickError(null);
    const failure = await saveTick(briefId, mode, versionNumber, source.id, on);
    if (!failure || latestSave.current.get(source.id) !== attempt) return;
    setBox(source.id, !on);
    if (note) setCarried((current) => ({ ...current, [source.id]: note }));
    setTickError(`[${source.number}] was not saved: ${failure}`);
  };
  return (
    <div className="stack">
      <ol className="review-sources">
        {sources.map((source) => (
          <li key={source.id} className="source-item">
            <label className="check-row">
              <input
                type="checkbox"
                checked={verified.has(source.id)}
                onChange={(e) => toggle(source, e.target.checked)}
              />
              <span>Verified [{source.number}]</span>
            </label>
            {carried[source.id] && <p className="carried-over">{carried[source.id]}</p>}
            <p className="source-title">{source.title || 'Untitled source'}</p>
            {source.url && (
              <p className="source-meta">
                <a href={source.url} target="_blank" rel="noopener noreferrer nofollow">
                  {displaySafeUrl(source.url)}
                </a>
              </p>
            )}
            {source.quote && <blockquote className="quote">{source.quote}</blockquote>}
            {source.url && <CaptureLine capture={source.capture} url={source.url} />}
            <QuoteCheck check={source.quoteCheck} />
            <ul className="citing">
              {source.citingSentences.map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {tickError && (
        <p className="form-message error" role="alert">
          {tickError}
        </p>
      )}
      {blockedReason && (
        <p className="banner warn" role="note">
          {blockedReason}
        </p>
      )}
      <form action={approve} className="stack">
        <input type="hidden" name="briefId" value={briefId} />
        <input type="hidden" name="versionNumber" value={versionNumber} />
        <input type="hidden" name="verifiedSourceIds" value={[...verified].join(',')} />
        <input type="hidden" name="seenCaptures" value={seenCaptures} />
        <SubmitButton disabled={!canApprove} aria-disabled={!canApprove}>
          {mode === 'review' ? 'Approve' : 'Re-check'}
        </SubmitButton>
        {!allVerified && (
          <p className="hint">
            Tick every cited source once you have checked it supports the claim.
          </p>
        )}
        <FormMessage state={approveState} />
      </form>
      {mode === 'review' && (
        <form action={sendBack} className="stack">
          <input type="hidden" name="briefId" value={briefId} />
          <input type="hidden" name="versionNumber" value={versionNumber} />
          <div className="field">
            <label htmlFor="review-comment">Comment</label>
            <textarea
              id="review-comment"
              name="comment"
              rows={4}
              defaultValue={changesState.values?.comment}
            />
            {changesState.fieldErrors?.comment && (
              <p className="field-error">{changesState.fieldErrors.comment.join(' ')}</p>
            )}
          </div>
          <SubmitButton className="button">Request changes</SubmitButton>
          <FormMessage state={changesState} />
        </form>
      )}
    </div>
  );
}
