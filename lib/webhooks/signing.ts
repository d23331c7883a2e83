/**
 * Standard Webhooks (standardwebhooks.com), through its reference library: the secret's form and
 * the headers that sign a delivery. A receiver verifies with any Standard Webhooks library:
 * `new Webhook(secret).verify(body, headers)`.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** Bytes of a secret: the specification asks for 24 to 64. */
const SECRET_BYTES = 32;

/** A new signing secret: `whsec_` and the base64 of random bytes, as the specification writes it. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/**
 * The headers of one try of a delivery: `webhook-id` is the delivery's id, the same on every
 * retry (receivers de-duplicate with it); the timestamp is the try's, and the signature covers
 * id, timestamp and the exact body sent.
 */
export function signedHeaders(delivery: {
  id: string;
  secret: string;
  body: string;
  at: Date;
}): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': delivery.id,
    'webhook-timestamp': String(Math.floor(delivery.at.getTime() / 1000)),
    'webhook-signature': new Webhook(delivery.secret).sign(delivery.id, delivery.at, delivery.body),
  };
}
