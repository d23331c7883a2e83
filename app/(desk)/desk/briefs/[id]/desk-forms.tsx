'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ReviewerChoice } from '@/lib/desk/mutations';
import { idleFormState } from '@/lib/form-state';
import { archiveAction, assignReviewerAction, restoreFromArchiveAction } from './desk-actions';

/** `Assign reviewer`: only those the two-person rule allows for the version in review are offered. */
export function AssignReviewerForm({
  briefId,
  choices,
  assignedId,
}: {
  briefId: string;
  choices: ReviewerChoice[];
  assignedId: string | null;
}) {
  const [state, action] = useActionState(assignReviewerAction, idleFormState);
  if (choices.length === 0) {
    return (
      <p className="hint">
        Nobody can be assigned: every reviewer and admin wrote part of this version (two-person
        rule).
      </p>
    );
  }
  return (
    <form action={action} className="stack start">
      <input type="hidden" name="briefId" value={briefId} />
      <div className="field">
        <label htmlFor="assign-reviewer">Reviewer</label>
        <select
          id="assign-reviewer"
          name="reviewerId"
          defaultValue={state.values?.reviewerId ?? assignedId ?? ''}
        >
          <option value="" disabled>
            Choose a reviewer
          </option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name}
            </option>
          ))}
        </select>
        {state.fieldErrors?.reviewerId && (
          <p className="field-error">{state.fieldErrors.reviewerId.join(' ')}</p>
        )}
      </div>
      <SubmitButton className="button" pendingLabel="Assigning…">
        Assign reviewer
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** `Archive` (a brief never published) or `Restore from archive`. */
export function ArchiveForm({ briefId, archived }: { briefId: string; archived: boolean }) {
  const [state, action] = useActionState(
    archived ? restoreFromArchiveAction : archiveAction,
    idleFormState,
  );
  return (
    <form action={action} className="stack start">
      <input type="hidden" name="briefId" value={briefId} />
      <SubmitButton
        className={archived ? 'button primary' : 'button'}
        pendingLabel={archived ? 'Restoring…' : 'Archiving…'}
      >
        {archived ? 'Restore from archive' : 'Archive'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
