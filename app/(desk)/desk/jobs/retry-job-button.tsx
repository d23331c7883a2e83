'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import { retryJobAction } from './actions';

export function RetryJobButton({ jobId, label }: { jobId: string; label: string }) {
  const [state, action] = useActionState(retryJobAction, idleFormState);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="jobId" value={jobId} />
      <SubmitButton className="button" pendingLabel="Retrying…" aria-label={`Retry ${label}`}>
        Retry
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
