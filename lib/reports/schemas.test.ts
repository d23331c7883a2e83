import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  errorReportFormSchema,
  isStatusMove,
  MAX_MESSAGE_LENGTH,
  questionFormSchema,
  reportStatusChangeSchema,
  statusMoves,
} from './schemas';

const ids = {
  brief: '0d6f3c8e-2a51-4a55-9a53-1a2b3c4d5e6f',
  version: '1e7f4d9f-3b62-4b66-8b64-2b3c4d5e6f70',
};

const fieldErrors = (result: {
  success: boolean;
  error?: z.ZodError;
}): Record<string, string[] | undefined> =>
  result.error ? z.flattenError(result.error).fieldErrors : {};

describe('errorReportFormSchema', () => {
  it('takes what is wrong, trimmed, and an optional email', () => {
    expect(
      errorReportFormSchema.parse({
        ...ids,
        message: '  The date in section 2 is wrong.\nIt was 1990.  ',
        email: ' reader@example.org ',
      }),
    ).toEqual({
      ...ids,
      message: 'The date in section 2 is wrong.\nIt was 1990.',
      email: 'reader@example.org',
    });
    expect(errorReportFormSchema.parse({ ...ids, message: 'The date is wrong.' }).email).toBe(null);
    expect(
      errorReportFormSchema.parse({ ...ids, message: 'The date is wrong.', email: '  ' }).email,
    ).toBe(null);
  });

  it('refuses a message too short or too long, with the field named', () => {
    expect(fieldErrors(errorReportFormSchema.safeParse({ ...ids, message: ' wrong ' }))).toEqual({
      message: ['What is wrong? needs at least 10 characters: say what you saw.'],
    });
    const long = errorReportFormSchema.safeParse({
      ...ids,
      message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1),
    });
    expect(fieldErrors(long).message).toEqual(['What is wrong? has at most 2,000 characters.']);
    expect(
      errorReportFormSchema.safeParse({ ...ids, message: 'x'.repeat(MAX_MESSAGE_LENGTH) }).success,
    ).toBe(true);
  });

  it('refuses control characters, naming the field', () => {
    const result = errorReportFormSchema.safeParse({
      ...ids,
      message: 'The date \u0007is wrong.',
      email: 'a\u0000@example.org',
    });
    expect(fieldErrors(result)).toEqual({
      message: [
        'What is wrong? contains a control character (U+0007), which cannot be saved. Remove it and try again.',
      ],
      email: [
        'Your email contains a control character (U+0000), which cannot be saved. Remove it and try again.',
      ],
    });
  });

  it('refuses an email that is not one', () => {
    expect(
      fieldErrors(
        errorReportFormSchema.safeParse({ ...ids, message: 'The date is wrong.', email: 'nope' }),
      ),
    ).toEqual({ email: ['Enter a valid email address, like name@example.org, or none.'] });
    expect(
      errorReportFormSchema.safeParse({
        ...ids,
        message: 'The date is wrong.',
        email: `${'a'.repeat(250)}@example.org`,
      }).success,
    ).toBe(false);
  });
});

describe('questionFormSchema', () => {
  it('names its own field', () => {
    expect(fieldErrors(questionFormSchema.safeParse({ message: 'Why?' }))).toEqual({
      message: ['Your question needs at least 10 characters: say what you saw.'],
    });
    expect(questionFormSchema.parse({ message: 'Is the sky really blue?', website: '' })).toEqual({
      message: 'Is the sky really blue?',
      email: null,
      website: '',
    });
  });
});

describe('status changes', () => {
  it('offers each status its moves, and nothing else is one', () => {
    expect(statusMoves('new').map((m) => m.label)).toEqual(['Start', 'Resolve', 'Dismiss']);
    expect(statusMoves('in_progress').map((m) => m.label)).toEqual(['Resolve', 'Dismiss']);
    expect(statusMoves('resolved')).toEqual([{ label: 'Reopen', to: 'new' }]);
    expect(isStatusMove('new', 'resolved')).toBe(true);
    expect(isStatusMove('resolved', 'dismissed')).toBe(false);
    expect(isStatusMove('new', 'new')).toBe(false);
  });

  it('takes an optional note, blank as none', () => {
    expect(
      reportStatusChangeSchema.parse({ reportId: ids.brief, status: 'resolved', note: '  ' }),
    ).toEqual({ reportId: ids.brief, status: 'resolved', note: null });
    expect(
      reportStatusChangeSchema.safeParse({ reportId: ids.brief, status: 'gone' }).success,
    ).toBe(false);
  });
});
