'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import { setReviewIntervalAction } from './monitoring-actions';

/** `Review interval (days)`: how long after its "Checked on" date a brief is due for a re-check. */
export function ReviewIntervalForm({ briefId, days }: { briefId: string; days: number | null }) {
  const [state, action] = useActionState(setReviewIntervalAction, idleFormState);
  return (
    <form action={action} className="stack" key={state.answeredAt}>
      <input type="hidden" name="briefId" value={briefId} />
      <Field
        label="Review interval (days)"
        name="reviewIntervalDays"
        inputMode="numeric"
        autoComplete="off"
        hint="Once published, the brief is listed as due for a re-check this many days after its “Checked on” date. Empty: never by itself."
        defaultValue={state.values?.reviewIntervalDays ?? (days === null ? '' : String(days))}
        errors={state.fieldErrors?.reviewIntervalDays}
      />
      <div className="row">
        <SubmitButton className="button" pendingLabel="Saving…">
          Save
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
