'use client';

import type { RefObject } from 'react';
import { type BriefClaimReview, emptyClaimReview } from '@/lib/content/document';
import { isHttpUrl } from '@/lib/content/link-url';
import type { BriefFieldsAction } from '@/lib/editor/brief-store';
import { type RatingScale, ratingLevelOf } from '@/lib/settings/rating-scale';
import type { EditorSession } from './editor-session';
import type { SaveQueue } from './use-save-queue';
import { useStoreValue } from './use-store-value';

type Field = keyof BriefClaimReview;

/**
 * The claim a brief checks and its verdict (optional: all empty, the brief has none). Saved with
 * the brief like every other field; the server's messages show next to their field.
 */
export function ClaimReviewPanel({
  session,
  queue,
  onEdit,
  locked,
  ratingScale,
  claimRef,
}: {
  session: EditorSession;
  queue: SaveQueue;
  onEdit: (action: BriefFieldsAction) => void;
  locked: boolean;
  ratingScale: RatingScale;
  claimRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const review = useStoreValue(session.store, (snapshot) => snapshot.fields.claimReview);
  const problems = useStoreValue(queue, (state) => state.problems.claimReview);
  const change = (field: Field, value: string | string[]) =>
    onEdit({ type: 'claimReviewChanged', claimReview: { ...review, [field]: value } });
  const badLines = review.appearances
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line && !isHttpUrl(line))
    .map(({ number }) => number);
  const verdictOnScale = !review.verdict || ratingLevelOf(ratingScale, review.verdict) !== null;
  const errorOf = (field: Field): string => {
    const messages = [...(problems[field] ?? [])];
    if (field === 'appearances' && badLines.length) {
      messages.unshift(
        `${badLines.length === 1 ? 'Line' : 'Lines'} ${badLines.join(', ')}: enter an address starting with http:// or https://.`,
      );
    }
    if (field === 'verdict' && !verdictOnScale) {
      messages.unshift(`“${review.verdict}” is no longer on the rating scale: choose another.`);
    }
    return messages.join(' ');
  };
  const described = (field: Field, hint?: string) => {
    const ids = [hint, errorOf(field) && `claim-review-${field}-error`].filter(Boolean);
    return ids.length ? ids.join(' ') : undefined;
  };
  const error = (field: Field) => {
    const message = errorOf(field);
    return message ? (
      <p className="field-error" id={`claim-review-${field}-error`}>
        {message}
      </p>
    ) : null;
  };
  const started = Object.values(review).some((value) =>
    Array.isArray(value) ? value.some((line) => line.trim()) : value.trim(),
  );

  return (
    <section
      className="panel claim-review-panel"
      id="claim-review"
      aria-labelledby="claim-review-heading"
    >
      <h2 id="claim-review-heading">Claim review</h2>
      <p className="hint">
        Optional: when the brief checks one claim, say what was claimed, by whom and the verdict.
      </p>
      <div className="field">
        <label htmlFor="claim-review-claim">Claim</label>
        <textarea
          id="claim-review-claim"
          ref={claimRef}
          rows={2}
          maxLength={1000}
          readOnly={locked}
          value={review.claim}
          aria-describedby={described('claim')}
          aria-invalid={errorOf('claim') ? true : undefined}
          onChange={(event) => change('claim', event.target.value)}
        />
        {error('claim')}
      </div>
      <div className="two-columns">
        <div className="field">
          <label htmlFor="claim-review-claimant">Claimant</label>
          <input
            id="claim-review-claimant"
            maxLength={300}
            readOnly={locked}
            value={review.claimant}
            aria-describedby={described('claimant')}
            aria-invalid={errorOf('claimant') ? true : undefined}
            onChange={(event) => change('claimant', event.target.value)}
          />
          {error('claimant')}
        </div>
        <div className="field">
          <label htmlFor="claim-review-date">Claim date</label>
          <input
            id="claim-review-date"
            type="date"
            readOnly={locked}
            value={review.claimDate}
            aria-describedby={described('claimDate')}
            aria-invalid={errorOf('claimDate') ? true : undefined}
            onChange={(event) => change('claimDate', event.target.value)}
          />
          {error('claimDate')}
        </div>
      </div>
      <div className="field">
        <label htmlFor="claim-review-appearances">Where the claim appeared</label>
        <p className="hint" id="claim-review-appearances-hint">
          One address (http or https) per line; the first is where it appeared first.
        </p>
        <textarea
          id="claim-review-appearances"
          rows={3}
          readOnly={locked}
          value={review.appearances.join('\n')}
          aria-describedby={described('appearances', 'claim-review-appearances-hint')}
          aria-invalid={errorOf('appearances') ? true : undefined}
          onChange={(event) => change('appearances', event.target.value.split('\n'))}
        />
        {error('appearances')}
      </div>
      <div className="field">
        <label htmlFor="claim-review-verdict">Verdict</label>
        <select
          id="claim-review-verdict"
          disabled={locked}
          value={review.verdict}
          aria-describedby={described('verdict', 'claim-review-verdict-hint')}
          aria-invalid={errorOf('verdict') ? true : undefined}
          onChange={(event) => change('verdict', event.target.value)}
        >
          <option value="">No verdict yet</option>
          {ratingScale.map((level) => (
            <option key={level.label} value={level.label}>
              {level.label}
            </option>
          ))}
          {!verdictOnScale && (
            <option value={review.verdict}>{review.verdict} (not on the scale)</option>
          )}
        </select>
        <p className="hint" id="claim-review-verdict-hint">
          {ratingLevelOf(ratingScale, review.verdict)?.explanation ||
            'From the newsroom’s rating scale, best first.'}
        </p>
        {error('verdict')}
      </div>
      {started && !locked && (
        <button
          type="button"
          className="button"
          onClick={() => onEdit({ type: 'claimReviewChanged', claimReview: emptyClaimReview() })}
        >
          Remove claim review
        </button>
      )}
    </section>
  );
}
