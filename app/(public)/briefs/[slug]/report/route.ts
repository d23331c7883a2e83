import { z } from 'zod';
import { answerReaderForm, htmlAnswer } from '@/app/_lib/reader-submission';
import { renderMissing } from '@/lib/publication/render';
import { backToBrief, renderReportFormPage } from '@/lib/reports/report-pages';
import { errorReportFormSchema } from '@/lib/reports/schemas';
import { getSiteSettings } from '@/lib/settings/site';

const slugSchema = z.string().regex(/^[a-z0-9-]{1,100}$/);

/** `Report an error` from a brief page (lib/reports/report-pages.ts): anyone may send one. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = slugSchema.safeParse((await params).slug);
  if (!slug.success) return htmlAnswer(renderMissing(await getSiteSettings()), 404);
  return answerReaderForm({
    request,
    schema: errorReportFormSchema,
    kind: 'error',
    toSubmission: (input) => ({ kind: 'error', ...input }),
    back: backToBrief(slug.data),
    // The brief and version the form named go back into it as they came (lib checks them).
    formPage: async (state, form) =>
      renderReportFormPage(
        await getSiteSettings(),
        {
          slug: slug.data,
          briefId: (form.brief ?? '').slice(0, 100),
          versionId: (form.version ?? '').slice(0, 100),
        },
        state,
      ),
  });
}
