'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/app/_lib/form-action';
import { sitePageKinds } from '@/db/enums';
import { getSitePageVersion, saveSitePage } from '@/lib/settings/pages';
import { updateRatingScale, updateSiteIdentity } from '@/lib/settings/site';
import { sitePages } from '@/lib/settings/site-pages';
import { addWebhook, removeWebhook } from '@/lib/webhooks/mutations';
import { addWebhookFormSchema, removeWebhookSchema } from '@/lib/webhooks/schemas';
import type { AddWebhookState, SitePageState } from './form-state';

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

export const updateSiteIdentityAction = formAction(
  z.object({ siteName: z.string(), disclaimer: z.string() }),
  async (actor, input) => {
    await updateSiteIdentity(actor, input);
    revalidatePath('/desk/settings');
    return { status: 'success', message: 'Saved: every public page shows the new details.' };
  },
);

/** A form field holding JSON that the page's script wrote (the editor's text, the scale). */
const jsonField = (what: string) =>
  z.string().transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: `${what} could not be read: try again.` });
      return z.NEVER;
    }
  });

const sitePageFormSchema = z.object({
  page: z.enum(sitePageKinds),
  content: jsonField('The text'),
  basedOn: z.coerce.number().int().min(0),
});

export const saveSitePageAction = formAction<typeof sitePageFormSchema, SitePageState>(
  sitePageFormSchema,
  async (actor, input) => {
    const { number } = await saveSitePage(actor, input.page, input);
    revalidatePath('/desk/settings');
    return {
      status: 'success',
      message: `Saved as version ${number}: readers see it at ${sitePages[input.page].path}.`,
      savedAs: number,
    };
  },
);

export const restoreSitePageAction = formAction(
  z.object({
    page: z.enum(sitePageKinds),
    number: z.coerce.number().int().min(1),
    basedOn: z.coerce.number().int().min(0),
  }),
  async (actor, input) => {
    const version = await getSitePageVersion(actor, input.page, input.number);
    const { number } = await saveSitePage(actor, input.page, {
      content: version.content,
      basedOn: input.basedOn,
    });
    revalidatePath('/desk/settings');
    return {
      status: 'success',
      message: `Version ${input.number} restored as version ${number}.`,
    };
  },
);

export const updateRatingScaleAction = formAction(
  z.object({ scale: jsonField('The scale') }),
  async (actor, input) => {
    await updateRatingScale(actor, input.scale);
    revalidatePath('/desk/settings');
    return {
      status: 'success',
      message: 'Saved: verdicts are chosen from this scale, and published ones rated on it.',
    };
  },
);
