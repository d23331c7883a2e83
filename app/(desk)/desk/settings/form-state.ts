import type { FormState } from '@/lib/form-state';

/** The `Add webhook` form's state: after adding, the signing secret, shown this once. */
export interface AddWebhookState extends FormState {
  secret?: string;
}

export const idleAddWebhookState: AddWebhookState = { status: 'idle' };

/** A site page's form: the version its save made, which the next save is based on. */
export interface SitePageState extends FormState {
  savedAs?: number;
}

export const idleSitePageState: SitePageState = { status: 'idle' };
