'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/form-action';
import { signOut } from '@/lib/auth';
import { endCurrentSession } from '@/lib/auth/session';
import { createBrief } from '@/lib/briefs/mutations';

export async function signOutAction(): Promise<void> {
  // The session ends on the server first: a copy of the cookie must open nothing afterwards.
  await endCurrentSession();
  await signOut({ redirectTo: '/login?notice=signed-out' });
}

export const createBriefAction = formAction(z.object({}), async (actor) => {
  const { id } = await createBrief(actor);
  redirect(`/desk/briefs/${id}`);
});
