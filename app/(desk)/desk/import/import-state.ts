import type { BriefDocument } from '@/lib/content/document';
import type { DuplicateQuestion } from '@/lib/desk/duplicate-questions';
import type { FormState } from '@/lib/form-state';
import type { ImportReport } from '@/lib/import/parse';

/**
 * The import form's state: a preview of the draft and the report once the text was read, with
 * the briefs that already ask its question.
 */
export interface ImportFormState extends FormState {
  preview?: { document: BriefDocument; report: ImportReport; duplicates: DuplicateQuestion[] };
}
