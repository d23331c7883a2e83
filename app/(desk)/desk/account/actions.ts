'use server';

import { formAction } from '@/app/_lib/form-action';
import { signOut } from '@/lib/auth';
import { changeOwnPassword } from '@/lib/users/mutations';
import { changeOwnPasswordSchema } from '@/lib/users/schemas';

export const changeOwnPasswordAction = formAction(changeOwnPasswordSchema, async (actor, input) => {
  await changeOwnPassword(actor, input);
  // Every session of this person ended with the change, this one included.
  await signOut({ redirectTo: '/login?notice=password-changed' });
  return { status: 'success' };
});
