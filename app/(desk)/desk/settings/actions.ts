'use server';

import { revalidatePath } from 'next/cache';
import { formAction } from '@/app/_lib/form-action';
import { addWebhook, removeWebhook } from '@/lib/webhooks/mutations';
import { addWebhookFormSchema, removeWebhookSchema } from '@/lib/webhooks/schemas';
import type { AddWebhookState } from './form-state';

export const addWebhookAction = formAction<typeof addWebhookFormSchema, AddWebhookState>(
  addWebhookFormSchema,
  async (actor, input) => {
    const added = await addWebhook(actor, input);
    revalidatePath('/desk/settings');
    return {
      status: 'success',
      message: `Added the webhook for ${added.url}.`,
      secret: added.secret,
    };
  },
);

export const removeWebhookAction = formAction(removeWebhookSchema, async (actor, input) => {
  await removeWebhook(actor, input.webhookId);
  revalidatePath('/desk/settings');
  return { status: 'success', message: 'Webhook removed: nothing more is sent to it.' };
});
