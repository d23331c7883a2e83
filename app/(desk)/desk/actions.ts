'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/form-action';
import { signOut } from '@/lib/auth';
import { createBrief } from '@/lib/briefs/mutations';

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login?notice=signed-out' });
}

export const createBriefAction = formAction(z.object({}), async (actor) => {
  const { id } = await createBrief(actor);
  redirect(`/desk/briefs/${id}`);
});
