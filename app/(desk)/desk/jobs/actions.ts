'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/app/_lib/form-action';
import { retryJob } from '@/lib/jobs/admin';

export const retryJobAction = formAction(z.object({ jobId: z.string() }), async (actor, input) => {
  await retryJob(actor, input.jobId);
  revalidatePath('/desk/jobs');
  return { status: 'success', message: 'The job will be tried again in a moment.' };
});
