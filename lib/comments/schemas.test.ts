import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  anchorUpdatesSchema,
  commentBodySchema,
  replySchema,
  resolutionSchema,
  startThreadSchema,
  threadAnchorSchema,
} from './schemas';

const anchor = {
  part: 'body',
  start: 4,
  end: 11,
  quote: 'was not',
  prefix: 'It ',
  suffix: ' so.',
};

const messages = (result: {
  success: boolean;
  error?: z.ZodError;
}): Record<string, string[] | undefined> =>
  result.error ? z.flattenError(result.error).fieldErrors : {};

describe('thread anchors', () => {
  it('takes a part, offsets, the quote and its context', () => {
    expect(threadAnchorSchema.parse(anchor)).toEqual(anchor);
    expect(threadAnchorSchema.parse({ ...anchor, detached: true }).detached).toBe(true);
    expect(threadAnchorSchema.parse({ ...anchor, start: 11 }).start).toBe(11);
  });

  it('refuses another part, bad offsets, an end before the start and unknown keys', () => {
    expect(messages(threadAnchorSchema.safeParse({ ...anchor, part: 'question' }))).toEqual({
      part: ['Comment on the summary, the body or the limitations.'],
    });
    expect(messages(threadAnchorSchema.safeParse({ ...anchor, start: -1 }))).toEqual({
      start: ['The start of the commented text cannot be negative.'],
    });
    expect(messages(threadAnchorSchema.safeParse({ ...anchor, end: 1.5 })).end).toEqual([
      'The end of the commented text is a whole number.',
    ]);
    expect(messages(threadAnchorSchema.safeParse({ ...anchor, end: '11' })).end).toEqual([
      'Give the end of the commented text as a number.',
    ]);
    expect(messages(threadAnchorSchema.safeParse({ ...anchor, start: 12 }))).toEqual({
      end: ['The commented text must end after it starts.'],
    });
    expect(threadAnchorSchema.safeParse({ ...anchor, colour: 'red' }).success).toBe(false);
  });

  it('bounds the quote and the context, and refuses control characters in them', () => {
    expect(messages(threadAnchorSchema.safeParse({ ...anchor, quote: '' }))).toEqual({
      quote: ['Select the text to comment on.'],
    });
    expect(messages(threadAnchorSchema.safeParse({ ...anchor, quote: 'q'.repeat(5001) }))).toEqual({
      quote: ['The commented text has at most 5,000 characters.'],
    });
    expect(threadAnchorSchema.safeParse({ ...anchor, quote: 'q'.repeat(5000) }).success).toBe(true);
    expect(messages(threadAnchorSchema.safeParse({ ...anchor, prefix: 'p'.repeat(65) }))).toEqual({
      prefix: ['The text before the commented text has at most 64 characters.'],
    });
    expect(messages(threadAnchorSchema.safeParse({ ...anchor, suffix: 'a\u0007' }))).toEqual({
      suffix: [
        'The text after the commented text contains a control character (U+0007), which cannot be saved. Remove it and try again.',
      ],
    });
  });
});

describe('comments', () => {
  it('are trimmed, 1 to 5,000 characters, without control characters', () => {
    expect(commentBodySchema.parse('  Is this the 1990 memo?\n')).toBe('Is this the 1990 memo?');
    expect(commentBodySchema.parse('Two\nlines\tand a tab')).toBe('Two\nlines\tand a tab');
    expect(commentBodySchema.safeParse('   ').error?.issues[0]?.message).toBe('Write a comment.');
    expect(commentBodySchema.safeParse(undefined).error?.issues[0]?.message).toBe(
      'Write a comment.',
    );
    expect(commentBodySchema.safeParse('c'.repeat(5001)).error?.issues[0]?.message).toBe(
      'A comment has at most 5,000 characters.',
    );
    expect(commentBodySchema.safeParse('Bell\u0007').error?.issues[0]?.message).toBe(
      'Comment contains a control character (U+0007), which cannot be saved. Remove it and try again.',
    );
  });

  it('start a thread with an anchor, answer it, resolve it', () => {
    expect(startThreadSchema.parse({ anchor, body: ' Source? ' })).toEqual({
      anchor,
      body: 'Source?',
    });
    expect(startThreadSchema.safeParse({ anchor, body: 'Hi', extra: 1 }).success).toBe(false);
    expect(replySchema.parse({ body: 'Done.', resolve: true })).toEqual({
      body: 'Done.',
      resolve: true,
    });
    expect(resolutionSchema.safeParse({ resolved: 'yes' }).success).toBe(false);
  });
});

describe('anchor updates', () => {
  const threadId = '00000000-0000-4000-8000-000000000001';

  it('name each thread by its id, at most 1,000 at once', () => {
    expect(anchorUpdatesSchema.parse([{ threadId, ...anchor, detached: true }])).toEqual([
      { threadId, ...anchor, detached: true },
    ]);
    expect(anchorUpdatesSchema.safeParse([{ threadId: 'one', ...anchor }]).success).toBe(false);
    expect(anchorUpdatesSchema.safeParse([{ threadId, ...anchor, start: 20 }]).success).toBe(false);
    const many = Array.from({ length: 1001 }, () => ({ threadId, ...anchor }));
    expect(anchorUpdatesSchema.safeParse(many).error?.issues[0]?.message).toBe(
      'Send at most 1,000 anchors at once.',
    );
    expect(anchorUpdatesSchema.safeParse(many.slice(0, 1000)).success).toBe(true);
  });
});
