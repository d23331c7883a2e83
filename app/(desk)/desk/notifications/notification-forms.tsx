'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import { markAllReadAction, markReadAction } from './actions';

/** `Mark as read` beside one notification; the button is described by the notification's text. */
export function MarkReadForm({
  notificationId,
  describedBy,
}: {
  notificationId: string;
  describedBy: string;
}) {
  const [state, action] = useActionState(markReadAction, idleFormState);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="notificationId" value={notificationId} />
      <SubmitButton className="button" pendingLabel="Marking…" aria-describedby={describedBy}>
        Mark as read
      </SubmitButton>
      {state.status === 'error' && <FormMessage state={state} />}
    </form>
  );
}

export function MarkAllReadForm() {
  const [state, action] = useActionState(markAllReadAction, idleFormState);
  return (
    <form action={action} className="inline-form">
      <SubmitButton className="button" pendingLabel="Marking…">
        Mark all as read
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
