'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/form-action';
import { createImportedBrief, previewImportedBrief } from '@/lib/briefs/mutations';
import { newsroomTimeZone } from '@/lib/config';
import { calendarDate } from '@/lib/content/dates';
import { safeString } from '@/lib/content/safe-text';
import { findDuplicateQuestions } from '@/lib/desk/duplicates';
import { requestMissingCaptures } from '@/lib/sources/captures';
import { transaction } from '@/lib/transaction';
import type { ImportFormState } from './import-state';

// Preview and creation each take the text itself (and the file it came from), never a
// previewed document: creating re-reads the text on the server, which gives exactly what was
// previewed, and the form sends nothing back but what the person typed.
const importSchema = z.object({
  text: z.string(),
  // The file the text was read from, if any: named in the audit log.
  fileName: safeString('The file name').trim().max(255).optional(),
});

export const previewImportAction = formAction<typeof importSchema, ImportFormState>(
  importSchema,
  async (actor, input) => {
    const today = calendarDate(new Date(), newsroomTimeZone());
    const values = { text: input.text, fileName: input.fileName ?? '' };
    const { document, report } = await previewImportedBrief(actor, { text: input.text, today });
    const duplicates = await findDuplicateQuestions(actor, { question: document.question });
    return { status: 'success', values, preview: { document, report, duplicates } };
  },
);

export const createImportAction = formAction<typeof importSchema, ImportFormState>(
  importSchema,
  async (actor, input) => {
    const today = calendarDate(new Date(), newsroomTimeZone());
    const id = await transaction(async () => {
      const created = await createImportedBrief(actor, {
        text: input.text,
        origin: input.fileName ? `“${input.fileName}”` : 'pasted text',
        today,
      });
      await requestMissingCaptures(actor, created.id);
      return created.id;
    });
    redirect(`/desk/briefs/${id}`);
  },
);
