'use client';

import type { ButtonHTMLAttributes } from 'react';
import { useFormStatus } from 'react-dom';

type SubmitButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { pendingLabel?: string };

/** A submit button that is disabled, and says so, while its form is being sent. */
export function SubmitButton({ children, pendingLabel, className, ...button }: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      className={className ?? 'button primary'}
      disabled={pending}
      aria-disabled={pending}
      {...button}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
