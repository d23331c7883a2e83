'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/app/_lib/form-action';
import { archiveBrief, assignReviewer, restoreFromArchive } from '@/lib/desk/mutations';
import { archiveSchema, assignReviewerSchema } from '@/lib/desk/schemas';

const refresh = (id: string) => {
  revalidatePath(`/desk/briefs/${id}`, 'layout');
  revalidatePath('/desk/briefs');
};

export const assignReviewerAction = formAction(assignReviewerSchema, async (actor, input) => {
  const { reviewerName } = await assignReviewer(actor, input.briefId, input);
  refresh(input.briefId);
  return { status: 'success', message: `Assigned to ${reviewerName}, who has been told.` };
});

export const archiveAction = formAction(archiveSchema, async (actor, input) => {
  await archiveBrief(actor, input.briefId);
  refresh(input.briefId);
  return { status: 'success', message: 'Archived. It is listed under Archived only.' };
});

export const restoreFromArchiveAction = formAction(archiveSchema, async (actor, input) => {
  await restoreFromArchive(actor, input.briefId);
  refresh(input.briefId);
  return { status: 'success', message: 'Restored from the archive.' };
});
