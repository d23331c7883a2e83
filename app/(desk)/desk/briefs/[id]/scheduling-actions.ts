'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/app/_lib/form-action';
import { newsroomTimeZone } from '@/lib/config';
import { InvalidError } from '@/lib/errors';
import { cancelSchedule, schedulePublication } from '@/lib/scheduling/mutations';
import { cancelScheduleSchema, schedulePublicationSchema } from '@/lib/scheduling/schemas';
import { formatInZone, instantAt } from '@/lib/scheduling/wall-clock';

const refresh = (id: string) => revalidatePath(`/desk/briefs/${id}`, 'layout');

export const schedulePublicationAction = formAction(
  schedulePublicationSchema,
  async (actor, input) => {
    const timeZone = newsroomTimeZone();
    const publishAt = instantAt(input.publishAt, timeZone);
    const fieldErrors: Record<string, string[]> = {};
    if (!publishAt.ok) fieldErrors.publishAt = [publishAt.message];
    if (['correction', 'clarification', 'update'].includes(input.change) && !input.note) {
      fieldErrors.note = ['Write the note readers will see.'];
    }
    if (!publishAt.ok || fieldErrors.note) {
      throw new InvalidError('Please correct the fields marked below.', fieldErrors);
    }
    const change =
      input.change === 'none'
        ? undefined
        : input.change === 'typo'
          ? ({ kind: 'typo' } as const)
          : { kind: input.change, note: input.note };
    await schedulePublication(actor, input.briefId, {
      versionNumber: input.versionNumber,
      publishAt: publishAt.instant,
      change,
    });
    refresh(input.briefId);
    return {
      status: 'success',
      message: `Version ${input.versionNumber} will be published at ${formatInZone(publishAt.instant, timeZone)}.`,
    };
  },
);

export const cancelScheduleAction = formAction(cancelScheduleSchema, async (actor, input) => {
  await cancelSchedule(actor, input.briefId);
  refresh(input.briefId);
  return { status: 'success', message: 'The scheduled publication is cancelled.' };
});
