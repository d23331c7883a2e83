import 'server-only';
import { and, isNull, sql } from 'drizzle-orm';
import type { WebhookEvent } from '@/db/enums';
import { webhookDeliveries, webhooks } from '@/db/schema';
import { sendJob } from '@/lib/jobs/queue';
import { db } from '@/lib/transaction';

/** What a webhook receives about a brief: enough to purge a page or post a link. */
export interface BriefEventPayload {
  briefId: string;
  /** The public page's address, when it has one. */
  url: string | null;
  question: string;
  versionNumber: number | null;
  checkedOn: string | null;
  note?: string;
}

/**
 * Records one delivery of `event` to each webhook subscribed to it, and a job each to send it
 * (lib/webhooks/deliver.ts). Called inside the transaction of the action it reports: nothing is
 * sent for an action that rolls back, and the action never waits for an endpoint.
 */
export async function emitWebhookEvent(
  event: WebhookEvent,
  payload: BriefEventPayload,
  now = new Date(),
): Promise<void> {
  const subscribed = await db()
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(isNull(webhooks.removedAt), sql`${event}::webhook_event = any(${webhooks.events})`));
  if (subscribed.length === 0) return;
  const body = { type: `brief.${event}`, timestamp: now.toISOString(), data: payload };
  const rows = await db()
    .insert(webhookDeliveries)
    .values(subscribed.map((hook) => ({ webhookId: hook.id, event, payload: body })))
    .returning({ id: webhookDeliveries.id });
  for (const row of rows) await sendJob('webhook', { deliveryId: row.id });
}
