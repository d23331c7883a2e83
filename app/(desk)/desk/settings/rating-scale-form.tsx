'use client';

import { useActionState, useRef, useState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import { RATING_SCALE_MAX_LEVELS, type RatingScale } from '@/lib/settings/rating-scale';
import { updateRatingScaleAction } from './actions';

interface Row {
  /** Stable across moves, so that React keeps each row's fields (and focus) with it. */
  key: number;
  label: string;
  explanation: string;
}

/**
 * The rating scale of claim reviews: ordered levels, the best first, each a label and an optional
 * short explanation. Held in this component until saved: an error keeps everything typed, and
 * each message shows at the field it is about.
 */
export function RatingScaleForm({ scale }: { scale: RatingScale }) {
  const [state, action] = useActionState(updateRatingScaleAction, idleFormState);
  const nextKey = useRef(scale.length);
  const [rows, setRows] = useState<Row[]>(() => scale.map((level, key) => ({ key, ...level })));
  // The rows as they were sent: the server's messages name levels by their place then.
  const sentKeys = useRef<number[]>([]);
  const errorsOf = (key: number, field: 'label' | 'explanation') => {
    const index = sentKeys.current.indexOf(key);
    return index < 0 ? undefined : state.fieldErrors?.[`levels.${index}.${field}`];
  };
  const update = (key: number, field: 'label' | 'explanation', value: string) =>
    setRows((current) =>
      current.map((row) => (row.key === key ? { ...row, [field]: value } : row)),
    );
  const move = (index: number, by: -1 | 1) =>
    setRows((current) => {
      const next = [...current];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  const scaleErrors = state.fieldErrors?.levels;

  return (
    <form
      action={action}
      className="stack rating-scale-form"
      noValidate
      onSubmit={() => {
        sentKeys.current = rows.map((row) => row.key);
      }}
    >
      <FormMessage state={state} />
      <input
        type="hidden"
        name="scale"
        value={JSON.stringify(rows.map(({ label, explanation }) => ({ label, explanation })))}
      />
      {scaleErrors && (
        <p className="field-error" id="rating-scale-error">
          {scaleErrors.join(' ')}
        </p>
      )}
      <p className="hint" id="rating-explanation-hint">
        An explanation is optional: readers see it beside the verdict.
      </p>
      <ol className="rating-levels">
        {rows.map((row, index) => {
          const id = `rating-level-${row.key}`;
          const labelErrors = errorsOf(row.key, 'label');
          const explanationErrors = errorsOf(row.key, 'explanation');
          return (
            <li key={row.key}>
              <fieldset className="rating-level">
                <legend>
                  Level {index + 1}
                  {index === 0 ? ' (best)' : index === rows.length - 1 ? ' (worst)' : ''}
                </legend>
                <div className="rating-level-fields">
                  <div className="field">
                    <label htmlFor={`${id}-label`}>Label</label>
                    <input
                      id={`${id}-label`}
                      value={row.label}
                      maxLength={40}
                      aria-invalid={labelErrors ? true : undefined}
                      aria-describedby={labelErrors ? `${id}-label-error` : undefined}
                      onChange={(event) => update(row.key, 'label', event.target.value)}
                    />
                    {labelErrors && (
                      <p className="field-error" id={`${id}-label-error`}>
                        {labelErrors.join(' ')}
                      </p>
                    )}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-explanation`}>Explanation</label>
                    <input
                      id={`${id}-explanation`}
                      value={row.explanation}
                      maxLength={200}
                      aria-invalid={explanationErrors ? true : undefined}
                      aria-describedby={
                        explanationErrors ? `${id}-explanation-error` : 'rating-explanation-hint'
                      }
                      onChange={(event) => update(row.key, 'explanation', event.target.value)}
                    />
                    {explanationErrors && (
                      <p className="field-error" id={`${id}-explanation-error`}>
                        {explanationErrors.join(' ')}
                      </p>
                    )}
                  </div>
                </div>
                <div className="row">
                  <button
                    type="button"
                    className="button"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    Move up
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={index === rows.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    Move down
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      setRows((current) => current.filter((other) => other.key !== row.key))
                    }
                  >
                    Remove
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="row">
        <button
          type="button"
          className="button"
          disabled={rows.length >= RATING_SCALE_MAX_LEVELS}
          onClick={() => {
            const key = nextKey.current++;
            setRows((current) => [...current, { key, label: '', explanation: '' }]);
            // The new level's label, once it is there.
            requestAnimationFrame(() =>
              document.getElementById(`rating-level-${key}-label`)?.focus(),
            );
          }}
        >
          Add level
        </button>
        <SubmitButton pendingLabel="Saving…">Save rating scale</SubmitButton>
      </div>
    </form>
  );
}
