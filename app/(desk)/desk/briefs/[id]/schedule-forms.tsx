'use client';

import { useActionState, useState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import { ChangeForReadersFields } from './change-for-readers-fields';
import { cancelScheduleAction, schedulePublicationAction } from './scheduling-actions';

/**
 * `Schedule publication`: a button that opens the form (`Publish at`, in the newsroom's time
 * zone, and the note for readers when the version replaces a published one).
 */
export function ScheduleForm({
  briefId,
  versionNumber,
  republishing,
  afterUnpublish,
  timeZone,
}: {
  briefId: string;
  versionNumber: number;
  republishing: boolean;
  /** Unpublished by an admin: publishing again needs a public note saying why. */
  afterUnpublish: boolean;
  timeZone: string;
}) {
  const [state, action] = useActionState(schedulePublicationAction, idleFormState);
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button" aria-expanded={false} onClick={() => setOpen(true)}>
        Schedule publication
      </button>
    );
  }
  const values = state.status === 'error' ? state.values : undefined;
  return (
    // Remounted after every answer (see FormState.answeredAt), so it starts from what was sent.
    <form key={state.answeredAt} action={action} className="stack schedule-form">
      <input type="hidden" name="briefId" value={briefId} />
      <input type="hidden" name="versionNumber" value={versionNumber} />
      <div className="field">
        <label htmlFor="schedule-publish-at">Publish at</label>
        <input
          id="schedule-publish-at"
          name="publishAt"
          type="datetime-local"
          required
          // biome-ignore lint/a11y/noAutofocus: the field is what the button opened.
          autoFocus
          aria-describedby="schedule-publish-at-zone"
          defaultValue={values?.publishAt}
        />
        <p id="schedule-publish-at-zone" className="hint">
          Newsroom time ({timeZone}). Version {versionNumber} goes public then, if its approval
          still stands.
        </p>
        {state.fieldErrors?.publishAt && (
          <p className="field-error">{state.fieldErrors.publishAt.join(' ')}</p>
        )}
      </div>
      {afterUnpublish ? (
        <UnpublishedNote note={values?.note} error={state.fieldErrors?.note} />
      ) : republishing ? (
        <ChangeForReadersFields
          idPrefix="schedule"
          change={values?.change}
          note={values?.note}
          noteErrors={state.fieldErrors?.note}
        />
      ) : (
        <input type="hidden" name="change" value="none" />
      )}
      <div className="row">
        <SubmitButton pendingLabel="Scheduling…">Schedule publication</SubmitButton>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

function UnpublishedNote({ note, error }: { note?: string; error?: string[] }) {
  return (
    <div className="field">
      <input type="hidden" name="change" value="update" />
      <label htmlFor="schedule-republish-note">Why it is published again (public note)</label>
      <textarea id="schedule-republish-note" name="note" rows={3} required defaultValue={note} />
      {error && <p className="field-error">{error.join(' ')}</p>}
    </div>
  );
}

/** `Cancel schedule`: the waiting publication will not happen. */
export function CancelScheduleForm({ briefId }: { briefId: string }) {
  const [state, action] = useActionState(cancelScheduleAction, idleFormState);
  return (
    <form action={action} className="stack">
      <input type="hidden" name="briefId" value={briefId} />
      <SubmitButton className="button" pendingLabel="Cancelling…">
        Cancel schedule
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
