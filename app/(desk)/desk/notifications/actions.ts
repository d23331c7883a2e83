'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/app/_lib/form-action';
import { markAllRead, markRead } from '@/lib/notifications/mutations';
import { markReadSchema } from '@/lib/notifications/schemas';

// The unread count is in the newsroom's header, on every page under /desk.
const refreshNewsroom = () => revalidatePath('/desk', 'layout');

export const markReadAction = formAction(markReadSchema, async (actor, input) => {
  await markRead(actor, input.notificationId);
  refreshNewsroom();
  return { status: 'success', message: 'Marked as read.' };
});

export const markAllReadAction = formAction(z.object({}), async (actor) => {
  const marked = await markAllRead(actor);
  refreshNewsroom();
  return {
    status: 'success',
    message: marked === 1 ? 'Marked 1 notification as read.' : `Marked ${marked} as read.`,
  };
});
