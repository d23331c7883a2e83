import { z } from 'zod';
import { type DeliveryState, type WebhookEvent, webhookEvents } from '@/db/enums';
import { jobQueues } from '@/db/job-queues';
import { safeUrlString } from '@/lib/content/safe-text';

export { type DeliveryState, type WebhookEvent, webhookEvents };

/** How each event is named on /desk/settings. */
export const webhookEventLabels: Record<WebhookEvent, string> = {
  published: 'Published',
  unpublished: 'Unpublished',
  rechecked: 'Re-checked',
  corrected: 'Corrected',
};

export const deliveryStateLabels: Record<DeliveryState, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

/**
 * Tries in all, as deliveries count them: the `webhook` queue allows one job run more
 * (db/job-queues.ts), for a run that a killed worker took before counting it, so that the last
 * try counted always marks the delivery failed.
 */
export const WEBHOOK_TRIES = jobQueues.webhook.retryLimit;
/** An endpoint answers at once or not at all: a slow one must not hold a worker. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export const webhookNotFound = 'This webhook does not exist.';

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/** An endpoint's address: absolute http(s), no user name or password (deliveries are signed). */
export const webhookUrlSchema = z
  .string({ error: 'Enter the address that receives the deliveries.' })
  .trim()
  .min(1, 'Enter the address that receives the deliveries.')
  .max(
    MAX_WEBHOOK_URL_LENGTH,
    `Addresses have at most ${MAX_WEBHOOK_URL_LENGTH.toLocaleString('en-US')} characters.`,
  )
  .pipe(safeUrlString('The endpoint URL'))
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter a complete address, starting with https:// (or http://).',
      });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({
        code: 'custom',
        message: `Use an https:// (or http://) address: Factdesk does not send webhooks to ${url.protocol} addresses.`,
      });
    } else if (url.username || url.password) {
      ctx.addIssue({
        code: 'custom',
        message:
          'Leave the user name and password out of the address: each delivery is signed instead.',
      });
    }
  });

export const addWebhookSchema = z.object({
  url: webhookUrlSchema,
  events: z
    .array(z.enum(webhookEvents, { error: 'Choose events from the list.' }), {
      error: 'Choose at least one event.',
    })
    .min(1, 'Choose at least one event.')
    .transform((events) => webhookEvents.filter((event) => events.includes(event))),
});
export type AddWebhookInput = z.input<typeof addWebhookSchema>;

/** The form's checkbox for an event. */
export function eventFieldName(event: WebhookEvent): string {
  return `event-${event}`;
}

/** The `Add webhook` form: `url`, and one checkbox per event (checked: `on`). */
export const addWebhookFormSchema = z
  .looseObject({ url: z.string().optional() })
  .transform((form) => ({
    url: form.url ?? '',
    events: webhookEvents.filter((event) => form[eventFieldName(event)] === 'on'),
  }))
  .pipe(addWebhookSchema);

export const removeWebhookSchema = z.object({
  webhookId: z.uuid({ error: 'This webhook no longer exists.' }),
});
export type RemoveWebhookInput = z.infer<typeof removeWebhookSchema>;
