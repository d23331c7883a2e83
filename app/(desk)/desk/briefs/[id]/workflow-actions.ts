'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formAction } from '@/app/_lib/form-action';
import {
  addCorrection,
  publishBrief,
  recheckBrief,
  unpublishBrief,
} from '@/lib/publication/mutations';
import { approveBrief, requestChanges, submitForReview } from '@/lib/workflow/mutations';
import {
  approveSchema,
  correctionSchema,
  publishSchema,
  recheckSchema,
  requestChangesSchema,
  submitSchema,
  unpublishSchema,
} from '@/lib/workflow/schemas';

const refresh = (id: string) => revalidatePath(`/desk/briefs/${id}`, 'layout');

export const submitForReviewAction = formAction(submitSchema, async (actor, input) => {
  await submitForReview(actor, input.briefId);
  refresh(input.briefId);
  return { status: 'success', message: 'Submitted for review. This version is now frozen.' };
});

export const approveAction = formAction(approveSchema, async (actor, input) => {
  await approveBrief(actor, input.briefId, input);
  refresh(input.briefId);
  // Back to the queue: the next brief waiting is the reviewer's next task.
  redirect(`/desk?reviewed=${input.briefId}&outcome=approved`);
});

export const requestChangesAction = formAction(requestChangesSchema, async (actor, input) => {
  await requestChanges(actor, input.briefId, input);
  refresh(input.briefId);
  redirect(`/desk?reviewed=${input.briefId}&outcome=changes_requested`);
});

export const publishAction = formAction(publishSchema, async (actor, input) => {
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
});

export const recheckAction = formAction(recheckSchema, async (actor, input) => {
  await recheckBrief(actor, input.briefId, input);
  refresh(input.briefId);
  redirect(`/desk/briefs/${input.briefId}`);
});

export const unpublishAction = formAction(unpublishSchema, async (actor, input) => {
  await unpublishBrief(actor, input.briefId, input);
  refresh(input.briefId);
  return { status: 'success', message: 'Unpublished. The public page now answers 410 Gone.' };
});

export const addCorrectionAction = formAction(correctionSchema, async (actor, input) => {
  await addCorrection(actor, input.briefId, input);
  refresh(input.briefId);
  return { status: 'success', message: 'Note added to the public page.' };
});
