import 'server-only';
import { desc, eq, isNull } from 'drizzle-orm';
import { users, webhookDeliveries, webhooks } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { assertId } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import { type DeliveryState, type WebhookEvent, webhookNotFound } from './schemas';

export interface WebhookListing {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
  createdByName: string;
}

/** The webhooks in use (not removed), newest first. Requires `webhooks.manage`. */
export async function listWebhooks(actor: Actor): Promise<WebhookListing[]> {
  assertCan(actor, 'webhooks.manage');
  return db()
    .select({
      id: webhooks.id,
      url: webhooks.url,
      events: webhooks.events,
      createdAt: webhooks.createdAt,
      createdByName: users.name,
    })
    .from(webhooks)
    .innerJoin(users, eq(users.id, webhooks.createdBy))
    .where(isNull(webhooks.removedAt))
    .orderBy(desc(webhooks.createdAt), desc(webhooks.id));
}

export const DELIVERIES_PAGE_SIZE = 10;

export interface DeliveryListing {
  id: string;
  event: WebhookEvent;
  /** The question of the brief it was about, as sent. */
  briefQuestion: string | null;
  createdAt: Date;
  state: DeliveryState;
  attempts: number;
  lastAttemptAt: Date | null;
  /** The last try's HTTP status; null when no answer came (or none was tried yet). */
  responseStatus: number | null;
  /** The start of the last answer's body, or why there was none. */
  responseExcerpt: string | null;
}

export interface DeliveryPage {
  deliveries: DeliveryListing[];
  page: number;
  hasOlder: boolean;
}

/**
 * One page of a webhook's deliveries, newest first (a page number that is not a positive whole
 * number is the first). Requires `webhooks.manage`; throws NotFoundError.
 */
export async function listDeliveries(
  actor: Actor,
  webhookId: string,
  options: { page?: number } = {},
): Promise<DeliveryPage> {
  assertCan(actor, 'webhooks.manage');
  assertId(webhookId, webhookNotFound);
  const page = Number.isSafeInteger(options.page) && (options.page ?? 0) > 0 ? options.page! : 1;
  const [found] = await db()
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(eq(webhooks.id, webhookId));
  if (!found) throw new NotFoundError(webhookNotFound);
  const rows = await db()
    .select({
      id: webhookDeliveries.id,
      event: webhookDeliveries.event,
      payload: webhookDeliveries.payload,
      createdAt: webhookDeliveries.createdAt,
      state: webhookDeliveries.state,
      attempts: webhookDeliveries.attempts,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      responseStatus: webhookDeliveries.responseStatus,
      responseExcerpt: webhookDeliveries.responseExcerpt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERIES_PAGE_SIZE + 1)
    .offset((page - 1) * DELIVERIES_PAGE_SIZE);
  return {
    deliveries: rows.slice(0, DELIVERIES_PAGE_SIZE).map(({ payload, ...row }) => ({
      ...row,
      briefQuestion: questionOf(payload),
    })),
    page,
    hasOlder: rows.length > DELIVERIES_PAGE_SIZE,
  };
}

/** The question in a delivery's body (lib/webhooks/emit.ts: `data.question`). */
function questionOf(payload: Record<string, unknown>): string | null {
  const data = payload.data;
  if (typeof data !== 'object' || data === null || !('question' in data)) return null;
  return typeof data.question === 'string' ? data.question : null;
}
