import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { changeOwnPasswordSchema, createUserSchema, setDisabledSchema } from './schemas';

const errorsOf = (result: { error?: z.ZodError }): Record<string, string[] | undefined> =>
  result.error ? z.flattenError(result.error).fieldErrors : {};

describe('user input schemas', () => {
  it('normalizes the email and trims the name', () => {
    const parsed = createUserSchema.parse({
      name: '  Ada Lovelace ',
      email: ' Ada@Example.ORG ',
      role: 'editor',
      password: '',
    });
    expect(parsed).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      role: 'editor',
      password: undefined,
    });
  });

  it('explains each bad field', () => {
    const result = createUserSchema.safeParse({
      name: '   ',
      email: 'not-an-email',
      role: 'owner',
      password: 'short',
    });
    expect(errorsOf(result)).toEqual({
      name: ['Enter a name.'],
      email: ['Enter a valid email address, like name@example.org.'],
      role: ['Choose a role: editor, reviewer or admin.'],
      password: ['Use at least 12 characters.'],
    });
  });

  it('refuses a name holding a control character or a lone surrogate, keeping the others', () => {
    for (const [name, problem] of [
      ['Ada\u0000', 'a control character (U+0000)'],
      ['Ada\u0002', 'a control character (U+0002)'],
      ['Ada\ud800', 'an unpaired surrogate (U+D800)'],
    ]) {
      const result = createUserSchema.safeParse({ name, email: 'a@example.org', role: 'editor' });
      expect(errorsOf(result)).toEqual({
        name: [`The name contains ${problem}, which cannot be saved. Remove it and try again.`],
      });
    }
    expect(
      errorsOf(createUserSchema.safeParse({ email: 'a@example.org', role: 'editor' })),
    ).toEqual({ name: ['Enter a name.'] });
  });

  it('asks for an email when it is empty', () => {
    const result = createUserSchema.safeParse({ name: 'A', email: '', role: 'editor' });
    expect(errorsOf(result).email).toEqual(['Enter an email address.']);
  });

  it('requires the two new passwords to match', () => {
    const result = changeOwnPasswordSchema.safeParse({
      currentPassword: 'x',
      newPassword: 'a-long-password-1',
      confirmPassword: 'a-long-password-2',
    });
    expect(errorsOf(result).confirmPassword).toEqual(['The two new passwords differ.']);
  });

  it('reads the disabled flag from form text', () => {
    const userId = '00000000-0000-4000-8000-000000000001';
    expect(setDisabledSchema.parse({ userId, disabled: 'true' }).disabled).toBe(true);
    expect(setDisabledSchema.parse({ userId, disabled: 'false' }).disabled).toBe(false);
    expect(setDisabledSchema.safeParse({ userId, disabled: 'yes' }).success).toBe(false);
  });
});
