import type { FormState } from '@/lib/form-state';

/** The form-level outcome: an alert for errors, a polite status for success. */
export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null;
  if (state.status === 'error') {
    return (
      <p className="form-message error" role="alert">
        {state.message}
      </p>
    );
  }
  return (
    <p className="form-message success" role="status">
      {state.message}
    </p>
  );
}
