'use server';

import { z } from 'zod';
import { formAction } from '@/app/_lib/form-action';
import { signOut } from '@/lib/auth';
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
