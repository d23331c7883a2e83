'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/form-action';
import {
  addCorrection,
  approveBrief,
  publishBrief,
  recheckBrief,
  requestChanges,
  submitForReview,
  unpublishBrief,
} from '@/lib/workflow/mutations';

const briefId = z.uuid({ error: 'Unknown brief.' });
const versionNumber = z.coerce.number().int().positive();
const sourceIds = z
  .string()
  .default('')
  .transform((value) => value.split(',').filter(Boolean));
const noteKind = z.enum(['correction', 'clarification', 'update'], {
  error: 'Choose a kind of note.',
});
const text = (message: string) =>
  z.string().trim().min(1, message).max(5000, 'At most 5,000 characters.');

const refresh = (id: string) => revalidatePath(`/desk/briefs/${id}`, 'layout');

export const submitForReviewAction = formAction(z.object({ briefId }), async (actor, input) => {
  await submitForReview(actor, input.briefId);
  refresh(input.briefId);
  return { status: 'success', message: 'Submitted for review. This version is now frozen.' };
});

export const approveAction = formAction(
  z.object({ briefId, versionNumber, verifiedSourceIds: sourceIds }),
  async (actor, input) => {
    await approveBrief(actor, input.briefId, input);
    refresh(input.briefId);
    redirect(`/desk/briefs/${input.briefId}`);
  },
);

export const requestChangesAction = formAction(
  z.object({ briefId, versionNumber, comment: text('Say what needs to change.') }),
  async (actor, input) => {
    await requestChanges(actor, input.briefId, input);
    refresh(input.briefId);
    redirect(`/desk/briefs/${input.briefId}`);
  },
);

export const publishAction = formAction(
  z.object({
    briefId,
    versionNumber,
    change: z.enum(['none', 'typo', 'correction', 'clarification', 'update']).default('none'),
    note: z.string().trim().max(5000).default(''),
  }),
  async (actor, input) => {
    if (['correction', 'clarification', 'update'].includes(input.change) && !input.note) {
      return {
        status: 'error',
        message: 'Describe the change for readers.',
        fieldErrors: { note: ['Write the note readers will see.'] },
      };
    }
    const change =
      input.change === 'none'
        ? undefined
        : input.change === 'typo'
          ? ({ kind: 'typo' } as const)
          : { kind: input.change, note: input.note };
    await publishBrief(actor, input.briefId, { versionNumber: input.versionNumber, change });
    refresh(input.briefId);
    return { status: 'success', message: `Version ${input.versionNumber} is published.` };
  },
);

export const recheckAction = formAction(
  z.object({ briefId, verifiedSourceIds: sourceIds }),
  async (actor, input) => {
    await recheckBrief(actor, input.briefId, input);
    refresh(input.briefId);
    redirect(`/desk/briefs/${input.briefId}`);
  },
);

export const unpublishAction = formAction(
  z.object({ briefId, reason: text('Say why it comes down (for the audit log).') }),
  async (actor, input) => {
    await unpublishBrief(actor, input.briefId, input);
    refresh(input.briefId);
    return { status: 'success', message: 'Unpublished. The public page now answers 410 Gone.' };
  },
);

export const addCorrectionAction = formAction(
  z.object({ briefId, kind: noteKind, note: text('Write the note readers will see.') }),
  async (actor, input) => {
    await addCorrection(actor, input.briefId, input);
    refresh(input.briefId);
    return { status: 'success', message: 'Note added to the public page.' };
  },
);
