import { answerReaderForm } from '@/app/_lib/reader-submission';
import { backToFrontPage, renderSuggestFormPage } from '@/lib/reports/report-pages';
import { questionFormSchema } from '@/lib/reports/schemas';
import { getSiteSettings } from '@/lib/settings/site';

/** `Suggest a question` from the front page (lib/reports/report-pages.ts): anyone may send one. */
export async function POST(request: Request) {
  return answerReaderForm({
    request,
    schema: questionFormSchema,
    kind: 'question',
    toSubmission: (input) => ({ kind: 'question', ...input }),
    back: backToFrontPage,
    formPage: async (state) => renderSuggestFormPage(await getSiteSettings(), state),
  });
}
