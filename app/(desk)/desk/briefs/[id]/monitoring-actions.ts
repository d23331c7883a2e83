'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/app/_lib/form-action';
import { setReviewInterval } from '@/lib/monitoring/mutations';
import { reviewIntervalSchema } from '@/lib/monitoring/schemas';

export const setReviewIntervalAction = formAction(reviewIntervalSchema, async (actor, input) => {
  await setReviewInterval(actor, input.briefId, input);
  revalidatePath(`/desk/briefs/${input.briefId}`);
  revalidatePath('/desk');
  const days = input.reviewIntervalDays;
  return {
    status: 'success',
    message: days
      ? `Saved: a re-check is due ${days} day${days === 1 ? '' : 's'} after each “Checked on” date.`
      : 'Saved: no review interval.',
  };
});
