'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import { createBriefAction } from './actions';

export function NewBriefButton() {
  const [state, action] = useActionState(createBriefAction, idleFormState);
  return (
    <form action={action} className="inline-form">
      <SubmitButton pendingLabel="Creating…">New brief</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
