'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/app/_lib/form-action';
import { setReaderReportStatus } from '@/lib/reports/reports';
import { reportStatusChangeSchema, statusLabels } from '@/lib/reports/schemas';

export const setReportStatusAction = formAction(reportStatusChangeSchema, async (actor, input) => {
  await setReaderReportStatus(actor, input.reportId, input.status, input.note ?? null);
  revalidatePath('/desk/reports');
  return { status: 'success', message: `Moved to ${statusLabels[input.status]}.` };
});
