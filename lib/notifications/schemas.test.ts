import { describe, expect, it } from 'vitest';
import { emailChoicesFormSchema, emailKindsSchema, notificationsPageSchema } from './schemas';

describe('email choices', () => {
  it('reads the ticked boxes of the form, in the list order, and ignores other fields', () => {
    expect(
      emailChoicesFormSchema.parse({ published: 'on', submitted: 'on', other: 'on' }).kinds,
    ).toEqual(['submitted', 'published']);
    expect(emailChoicesFormSchema.parse({}).kinds).toEqual([]);
  });

  it('refuses a box sent with another value', () => {
    expect(emailChoicesFormSchema.safeParse({ submitted: 'yes' }).success).toBe(false);
  });

  it('takes known kinds only, each once', () => {
    expect(emailKindsSchema.parse(['approved', 'approved', 'mention'])).toEqual([
      'approved',
      'mention',
    ]);
    const refused = emailKindsSchema.safeParse(['approved', 'everything']);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/^Choose among: submitted, /);
  });
});

describe('the page number', () => {
  it('is a whole number from 1, and the first page for anything else', () => {
    expect(notificationsPageSchema.parse('3')).toBe(3);
    for (const bad of [undefined, '', '0', '-2', '1.5', 'abc', ['2', '3']]) {
      expect(notificationsPageSchema.parse(bad)).toBe(1);
    }
  });
});
