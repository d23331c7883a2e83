import type { FormState } from '@/lib/form-state';

/** The `Add webhook` form's state: after adding, the signing secret, shown this once. */
export interface AddWebhookState extends FormState {
  secret?: string;
}

export const idleAddWebhookState: AddWebhookState = { status: 'idle' };
