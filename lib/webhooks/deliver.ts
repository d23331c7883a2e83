import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { webhookDeliveries, webhooks } from '@/db/schema';
import { xmlSafe } from '@/lib/content/safe-text';
import { type SafeFetchResult, safeFetch } from '@/lib/fetching/safe-fetch';
import { db } from '@/lib/transaction';
import { type DeliveryState, WEBHOOK_TIMEOUT_MS, WEBHOOK_TRIES } from './schemas';
import { signedHeaders } from './signing';

/** What is kept of an answer. */
const EXCERPT_BYTES = 1024;
/** What is read of an answer at most: a larger one is not read to its end. */
const ANSWER_BYTES = 64 * 1024;

const deliveryIdSchema = z.uuid();

/** A try that did not get a 2xx: thrown so that the queue tries again later. */
export class WebhookTryFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTryFailed';
  }
}

/**
 * Sends one delivery (the `webhook` job). Operator-level: run by the worker, it takes no actor.
 * Idempotent: a delivery that was delivered or given up is not sent again, nor one whose webhook
 * was removed (it is given up). Each try is signed anew (Standard Webhooks; `webhook-id` is the
 * delivery's id on every try), POSTed through the safe fetcher without following redirects, and
 * recorded: tries, when, the status and the start of the answer, or why there was none. A 2xx
 * answer delivers it; anything else throws, for the queue to retry with backoff, except on the
 * last try, which marks it failed.
 */
export async function deliverWebhook(data: { deliveryId: string }): Promise<void> {
  if (!deliveryIdSchema.safeParse(data.deliveryId).success) return;
  const deliveryId = data.deliveryId;
  const [target] = await db()
    .select({
      state: webhookDeliveries.state,
      payload: webhookDeliveries.payload,
      url: webhooks.url,
      secret: webhooks.secret,
      removedAt: webhooks.removedAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (target?.state !== 'pending') return;
  if (target.removedAt) {
    await record(deliveryId, {
      state: 'failed',
      responseStatus: null,
      responseExcerpt: 'Not sent: the webhook was removed.',
    });
    return;
  }
  // Counted before sending: a worker killed mid-try has used that try up, as the queue counts it.
  const [claimed] = await db()
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: new Date() })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.state, 'pending')))
    .returning({ attempts: webhookDeliveries.attempts });
  if (!claimed) return;
  const body = JSON.stringify(target.payload);
  const result = await safeFetch(target.url, {
    method: 'POST',
    headers: signedHeaders({ id: deliveryId, secret: target.secret, body, at: new Date() }),
    body,
    timeoutMs: WEBHOOK_TIMEOUT_MS,
    maxBytes: ANSWER_BYTES,
    maxRedirects: 0,
  });
  const answer = answerOf(result);
  const accepted = answer.responseStatus !== null && isSuccess(answer.responseStatus);
  const lastTry = claimed.attempts >= WEBHOOK_TRIES;
  await record(deliveryId, {
    state: accepted ? 'delivered' : lastTry ? 'failed' : 'pending',
    ...answer,
  });
  if (!accepted && !lastTry) {
    const why =
      answer.responseStatus === null ? answer.responseExcerpt : `HTTP ${answer.responseStatus}`;
    throw new WebhookTryFailed(
      `Webhook delivery ${deliveryId}: try ${claimed.attempts} of ${WEBHOOK_TRIES} failed (${why}).`,
    );
  }
}

const isSuccess = (status: number) => status >= 200 && status < 300;

interface Answer {
  responseStatus: number | null;
  responseExcerpt: string | null;
}

/**
 * What a try got: the status and the start of the body, or the fetcher's sentence saying why
 * there was no answer. A failure after the status arrived (a body too large or too slow, a
 * redirect not followed) keeps it: a 2xx answer was received all the same.
 */
function answerOf(result: SafeFetchResult): Answer {
  if (!result.ok) return { responseStatus: result.status, responseExcerpt: result.message };
  const text = xmlSafe(result.body.subarray(0, EXCERPT_BYTES).toString('utf8')).trim();
  return { responseStatus: result.status, responseExcerpt: text === '' ? null : text };
}

/** Records a try's outcome, unless the delivery was settled meanwhile. */
async function record(deliveryId: string, outcome: Answer & { state: DeliveryState }) {
  await db()
    .update(webhookDeliveries)
    .set({ ...outcome, finishedAt: outcome.state === 'pending' ? null : new Date() })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.state, 'pending')));
}
