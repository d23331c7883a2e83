'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/app/_lib/form-action';
import {
  changeUserRole,
  createUser,
  resetUserPassword,
  setUserDisabled,
} from '@/lib/users/mutations';
import {
  changeRoleSchema,
  createUserSchema,
  resetPasswordSchema,
  roleLabels,
  setDisabledSchema,
} from '@/lib/users/schemas';

export const createUserAction = formAction(createUserSchema, async (actor, input) => {
  const created = await createUser(actor, input);
  revalidatePath('/desk/users');
  return {
    status: 'success',
    message: `Added ${created.email} as ${roleLabels[input.role].toLowerCase()}.`,
    generatedPassword: created.generatedPassword,
  };
});

export const changeRoleAction = formAction(changeRoleSchema, async (actor, input) => {
  await changeUserRole(actor, input);
  revalidatePath('/desk/users');
  return { status: 'success', message: `Role changed to ${roleLabels[input.role].toLowerCase()}.` };
});

export const setDisabledAction = formAction(setDisabledSchema, async (actor, input) => {
  await setUserDisabled(actor, input);
  revalidatePath('/desk/users');
  return { status: 'success', message: input.disabled ? 'Account disabled.' : 'Account enabled.' };
});

export const resetPasswordAction = formAction(resetPasswordSchema, async (actor, input) => {
  const { email, generatedPassword } = await resetUserPassword(actor, input);
  return {
    status: 'success',
    message: `New password set for ${email}; their open sessions have ended.`,
    generatedPassword,
  };
});
