'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import { emailChoiceLabels } from '@/lib/notifications/labels';
import { type NotificationKind, notificationKinds } from '@/lib/notifications/schemas';
import { saveEmailChoicesAction } from './actions';

/** `Email me about`: a checkbox per kind of notification, named by the kind. */
export function EmailChoicesForm({ chosen }: { chosen: readonly NotificationKind[] }) {
  const [state, action] = useActionState(saveEmailChoicesAction, idleFormState);
  // After an error the boxes stay as they were sent; after a save they show what was stored.
  const ticked = (kind: NotificationKind) =>
    state.status === 'error' ? state.values?.[kind] === 'on' : chosen.includes(kind);
  const problem = ['kinds', ...notificationKinds]
    .flatMap((field) => state.fieldErrors?.[field] ?? [])
    .at(0);
  return (
    <form key={state.answeredAt} action={action} className="stack">
      <FormMessage state={state} />
      <fieldset className="choices">
        <legend>Email me about</legend>
        {notificationKinds.map((kind) => (
          <label key={kind} className="choice">
            <input type="checkbox" name={kind} defaultChecked={ticked(kind)} />
            {emailChoiceLabels[kind]}
          </label>
        ))}
        {problem && <p className="field-error">{problem}</p>}
      </fieldset>
      <div>
        <SubmitButton pendingLabel="Saving…">Save email choices</SubmitButton>
      </div>
    </form>
  );
}
