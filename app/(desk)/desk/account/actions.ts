'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/app/_lib/form-action';
import { signOut } from '@/lib/auth';
import { setEmailPreferences } from '@/lib/notifications/mutations';
import { emailChoicesFormSchema } from '@/lib/notifications/schemas';
import { changeOwnPassword, signOutEverywhere } from '@/lib/users/mutations';
import { changeOwnPasswordSchema } from '@/lib/users/schemas';

export const changeOwnPasswordAction = formAction(changeOwnPasswordSchema, async (actor, input) => {
  await changeOwnPassword(actor, input);
  // Every session of this person ended with the change, this one included.
  await signOut({ redirectTo: '/login?notice=password-changed' });
  return { status: 'success' };
});

export const signOutEverywhereAction = formAction(z.object({}), async (actor) => {
  await signOutEverywhere(actor);
  await signOut({ redirectTo: '/login?notice=signed-out-everywhere' });
  return { status: 'success' };
});

export const saveEmailChoicesAction = formAction(emailChoicesFormSchema, async (actor, input) => {
  await setEmailPreferences(actor, input.kinds);
  revalidatePath('/desk/account');
  return { status: 'success', message: 'Email choices saved.' };
});
