import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { webhooks } from '@/db/schema';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { assertId } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import {
  type AddWebhookInput,
  addWebhookSchema,
  type WebhookEvent,
  webhookNotFound,
} from './schemas';
import { generateWebhookSecret } from './signing';

export interface AddedWebhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  /** The signing secret: shown to the admin this once, to set up the receiver. */
  secret: string;
}

/**
 * Adds a webhook told of `events`, with a new signing secret. Requires `webhooks.manage`;
 * throws InvalidError, with the fields' messages, for an address that is not http(s) or no event.
 */
export async function addWebhook(actor: Actor, input: AddWebhookInput): Promise<AddedWebhook> {
  assertCan(actor, 'webhooks.manage');
  const parsed = addWebhookSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidError(
      'Please correct the fields marked below.',
      z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    );
  }
  const secret = generateWebhookSecret();
  const [added] = await db()
    .insert(webhooks)
    .values({ url: parsed.data.url, events: parsed.data.events, secret, createdBy: actor.id })
    .returning({ id: webhooks.id, url: webhooks.url, events: webhooks.events });
  return { ...added!, secret };
}

/**
 * Removes a webhook: nothing more is sent to it, deliveries still waiting included (the worker
 * drops them). Removing one already removed changes nothing. Requires `webhooks.manage`; throws
 * NotFoundError.
 */
export async function removeWebhook(actor: Actor, webhookId: string): Promise<void> {
  assertCan(actor, 'webhooks.manage');
  assertId(webhookId, webhookNotFound);
  const [found] = await db()
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(eq(webhooks.id, webhookId));
  if (!found) throw new NotFoundError(webhookNotFound);
  await db()
    .update(webhooks)
    .set({ removedAt: new Date() })
    .where(and(eq(webhooks.id, webhookId), isNull(webhooks.removedAt)));
}
