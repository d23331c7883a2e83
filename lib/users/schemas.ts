import { z } from 'zod';
import { type UserRole, userRoles } from '@/db/enums';
import { safeString } from '@/lib/content/safe-text';
import { MIN_PASSWORD_LENGTH } from './password';

export { type UserRole, userRoles };

export const roleLabels: Record<UserRole, string> = {
  editor: 'Editor',
  reviewer: 'Reviewer',
  admin: 'Admin',
};

export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .min(1, 'Enter an email address.')
  .max(254, 'Email addresses have at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.org.' }))
  .transform((email) => email.toLowerCase());

export const nameSchema = z
  .string({ error: 'Enter a name.' })
  .pipe(
    safeString('The name')
      .trim()
      .min(1, 'Enter a name.')
      .max(100, 'Names have at most 100 characters.'),
  );

export const roleSchema = z.enum(userRoles, {
  error: 'Choose a role: editor, reviewer or admin.',
});

export const passwordSchema = z
  .string({ error: 'Enter a password.' })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, 'Passwords have at most 256 characters.');

/** An optional password field: empty means "generate one". */
const optionalPasswordSchema = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(passwordSchema.optional());

export const userIdSchema = z.uuid({ error: 'Unknown user.' });

export const createUserSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  role: roleSchema,
  password: optionalPasswordSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const changeRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

export const setDisabledSchema = z.object({
  userId: userIdSchema,
  disabled: z.enum(['true', 'false']).transform((value) => value === 'true'),
});
export type SetDisabledInput = z.infer<typeof setDisabledSchema>;

export const resetPasswordSchema = z.object({
  userId: userIdSchema,
  password: optionalPasswordSchema,
});
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.'),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two new passwords differ.',
  });
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(256),
});
