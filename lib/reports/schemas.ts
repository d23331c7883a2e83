/**
 * What readers may send from the public site (an error in a brief, a question to check) and how
 * the newsroom handles it. Pure: used by the route handlers, lib and the tests alike.
 */
import { z } from 'zod';
import { type ReaderReportKind, type ReaderReportStatus, readerReportStatuses } from '@/db/enums';
import { safeString } from '@/lib/content/safe-text';

export type { ReaderReportKind, ReaderReportStatus };
export { readerReportStatuses };

export const MIN_MESSAGE_LENGTH = 10;
export const MAX_MESSAGE_LENGTH = 2000;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NOTE_LENGTH = 1000;

/**
 * The honeypot: a field people never see nor reach with Tab (hidden by the page's stylesheet),
 * which form-filling robots fill. Named like a field robots expect.
 */
export const HONEYPOT_FIELD = 'website';

const message = (field: string) =>
  safeString(field)
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(
          MIN_MESSAGE_LENGTH,
          `${field} needs at least ${MIN_MESSAGE_LENGTH} characters: say what you saw.`,
        )
        .max(
          MAX_MESSAGE_LENGTH,
          `${field} has at most ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')} characters.`,
        ),
    );

/** Optional: empty means none. */
const email = safeString('Your email')
  .transform((value) => value.trim())
  .pipe(
    z.union([
      z.literal('').transform(() => null),
      z
        .string()
        .max(MAX_EMAIL_LENGTH, `Your email has at most ${MAX_EMAIL_LENGTH} characters.`)
        .pipe(z.email({ error: 'Enter a valid email address, like name@example.org, or none.' })),
    ]),
  );

const honeypot = z.string().max(10_000).optional();

/** `Report an error` on a brief page: what is wrong, in the version the reader saw. */
export const errorReportFormSchema = z.object({
  brief: z.string().max(100),
  version: z.string().max(100),
  message: message('What is wrong?'),
  email: email.prefault(''),
  [HONEYPOT_FIELD]: honeypot,
});
export type ErrorReportForm = z.output<typeof errorReportFormSchema>;

/** `Suggest a question` on the front page. */
export const questionFormSchema = z.object({
  message: message('Your question'),
  email: email.prefault(''),
  [HONEYPOT_FIELD]: honeypot,
});
export type QuestionForm = z.output<typeof questionFormSchema>;

/** What lib stores: an error names the brief and the version the reader saw. */
export type ReaderReportInput =
  | { kind: 'error'; briefId: string; versionId: string; message: string; email: string | null }
  | { kind: 'question'; message: string; email: string | null };

export const statusLabels: Record<ReaderReportStatus, string> = {
  new: 'New',
  in_progress: 'In progress',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

export const kindLabels: Record<ReaderReportKind, string> = {
  error: 'Error report',
  question: 'Suggested question',
};

/** A newsroom's change of a report's status, with an optional note for the history. */
export const reportStatusChangeSchema = z.object({
  reportId: z.string().max(100),
  status: z.enum(readerReportStatuses, { error: 'Choose a status.' }),
  note: safeString('Note')
    .max(MAX_NOTE_LENGTH, `Note has at most ${MAX_NOTE_LENGTH.toLocaleString('en-US')} characters.`)
    .transform((value) => value.trim() || null)
    .optional(),
});
export type ReportStatusChange = z.output<typeof reportStatusChangeSchema>;

/** The buttons a report shows in each status, and the status each leads to. */
export function statusMoves(
  status: ReaderReportStatus,
): { label: string; to: ReaderReportStatus }[] {
  switch (status) {
    case 'new':
      return [
        { label: 'Start', to: 'in_progress' },
        { label: 'Resolve', to: 'resolved' },
        { label: 'Dismiss', to: 'dismissed' },
      ];
    case 'in_progress':
      return [
        { label: 'Resolve', to: 'resolved' },
        { label: 'Dismiss', to: 'dismissed' },
      ];
    case 'resolved':
    case 'dismissed':
      return [{ label: 'Reopen', to: 'new' }];
  }
}

/** Whether the newsroom may move a report from `from` to `to` (a button offers it). */
export function isStatusMove(from: ReaderReportStatus, to: ReaderReportStatus): boolean {
  return statusMoves(from).some((move) => move.to === to);
}
