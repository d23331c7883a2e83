import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signedHeaders } from './signing';

const body = JSON.stringify({
  type: 'brief.published',
  timestamp: '2026-11-27T10:00:00.000Z',
  data: { briefId: 'b1', question: 'Did it grow – by 4 %?' },
});

describe('webhook signing (Standard Webhooks)', () => {
  it('makes secrets as the specification writes them: whsec_ and the base64 of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('signs a delivery so that the reference library verifies it, headers and body', () => {
    const secret = generateWebhookSecret();
    const at = new Date();
    const headers = signedHeaders({ id: 'delivery-1', secret, body, at });
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': 'delivery-1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    });
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('is refused for another body, another id, another secret or an old timestamp', () => {
    const secret = generateWebhookSecret();
    const headers = signedHeaders({ id: 'delivery-1', secret, body, at: new Date() });
    const receiver = new Webhook(secret);
    expect(() => receiver.verify(body.replace('b1', 'b2'), headers)).toThrow(
      WebhookVerificationError,
    );
    expect(() => receiver.verify(body, { ...headers, 'webhook-id': 'delivery-2' })).toThrow(
      WebhookVerificationError,
    );
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(
      WebhookVerificationError,
    );
    const old = signedHeaders({
      id: 'delivery-1',
      secret,
      body,
      at: new Date(Date.now() - 3600_000),
    });
    expect(() => receiver.verify(body, old)).toThrow('Message timestamp too old');
  });
});
