'use client';

import { useActionState } from 'react';
import { useConfirmedSubmit } from '@/components/ui/confirm-dialog';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import { restoreVersionAction } from './actions';

export function RestoreButton({ briefId, number }: { briefId: string; number: number }) {
  const [state, action] = useActionState(restoreVersionAction, idleFormState);
  const { confirmSubmit, dialog } = useConfirmedSubmit();
  return (
    <>
      <form
        action={action}
        className="inline-form"
        onSubmit={(event) =>
          confirmSubmit(event, {
            title: `Restore version ${number}`,
            description: `Restore version ${number}? It becomes a new version on top; nothing is deleted.`,
            confirmLabel: 'Restore',
          })
        }
      >
        <input type="hidden" name="briefId" value={briefId} />
        <input type="hidden" name="number" value={number} />
        <SubmitButton className="button" aria-label={`Restore version ${number}`}>
          Restore
        </SubmitButton>
        <FormMessage state={state} />
        {/* The number is a hidden field: a refusal of it is shown here. */}
        {state.fieldErrors?.number && (
          <p className="field-error">{state.fieldErrors.number.join(' ')}</p>
        )}
      </form>
      {dialog}
    </>
  );
}
