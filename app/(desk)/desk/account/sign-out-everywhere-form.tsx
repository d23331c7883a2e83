'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import { signOutEverywhereAction } from './actions';

export function SignOutEverywhereForm() {
  const [state, action] = useActionState(signOutEverywhereAction, idleFormState);
  return (
    <form action={action} className="stack">
      <FormMessage state={state} />
      <SubmitButton className="button" pendingLabel="Signing out…">
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
