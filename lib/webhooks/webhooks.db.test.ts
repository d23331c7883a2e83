import { eq, isNull, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { webhookDeliveries, webhooks } from '@/db/schema';
import { ForbiddenError, InvalidError, NotFoundError } from '@/lib/errors';
import { type JobRunner, startJobRunner } from '@/lib/jobs/runner';
import type { Actor } from '@/lib/policy/policy';
import { publishedBrief } from '@/lib/policy/test-briefs';
import { addCorrection, unpublishBrief } from '@/lib/publication/mutations';
import { transaction } from '@/lib/transaction';
import { createTestPerson } from '@/lib/users/test-people';
import { deliverWebhook, WebhookTryFailed } from './deliver';
import { emitWebhookEvent } from './emit';
import { addWebhook, removeWebhook } from './mutations';
import { DELIVERIES_PAGE_SIZE, listDeliveries, listWebhooks } from './queries';
import { WEBHOOK_TRIES, type WebhookEvent } from './schemas';
import { freePort, type Receiver, startReceiver } from './test-receiver';

let admin: Actor;
const receivers: Receiver[] = [];

beforeAll(async () => {
  admin = await createTestPerson('admin');
});

beforeEach(() => {
  // The receivers are on this machine: allowed by name, as an intranet would be.
  vi.stubEnv('FACTDESK_FETCH_ALLOW', '127.0.0.1');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  // Each test's webhooks end with it: a later publication is not sent to them.
  await getDb().update(webhooks).set({ removedAt: new Date() }).where(isNull(webhooks.removedAt));
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(port?: number): Promise<Receiver> {
  const started = await startReceiver(port);
  receivers.push(started);
  return started;
}

async function deliveriesOf(webhookId: string) {
  return getDb()
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(webhookDeliveries.createdAt);
}

async function onlyDeliveryOf(webhookId: string) {
  const rows = await deliveriesOf(webhookId);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function deliveryRow(id: string) {
  const [row] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row!;
}

/** The queue's job for a delivery, as pg-boss keeps it. */
async function jobOf(deliveryId: string) {
  const rows = await getDb().execute<{ id: string; state: string; retry_count: number }>(
    sql`select id, state, retry_count from pgboss.job
        where name = 'webhook' and data->>'deliveryId' = ${deliveryId}`,
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** One event, as publication's mutations emit it: in a transaction of its own. */
async function emitted(event: WebhookEvent = 'published', question = 'Did it grow?') {
  await transaction(() =>
    emitWebhookEvent(event, {
      briefId: crypto.randomUUID(),
      url: null,
      question,
      versionNumber: 1,
      checkedOn: '2026-11-27',
    }),
  );
}

describe('adding, listing and removing webhooks', () => {
  it('adds a webhook with a Standard Webhooks secret, shown once, and lists it without', async () => {
    const added = await addWebhook(admin, {
      url: ' https://hooks.example.org/purge ',
      events: ['corrected', 'published'],
    });
    expect(added).toMatchObject({
      url: 'https://hooks.example.org/purge',
      events: ['published', 'corrected'],
    });
    expect(added.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await listWebhooks(admin);
    expect(listed).toEqual([
      {
        id: added.id,
        url: 'https://hooks.example.org/purge',
        events: ['published', 'corrected'],
        createdAt: expect.any(Date),
        createdByName: admin.name,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(added.secret);

    await removeWebhook(admin, added.id);
    expect(await listWebhooks(admin)).toEqual([]);
    // Removing again changes nothing; an unknown or malformed id is not found.
    await removeWebhook(admin, added.id);
    await expect(removeWebhook(admin, crypto.randomUUID())).rejects.toThrow(NotFoundError);
    await expect(removeWebhook(admin, 'nope')).rejects.toThrow(NotFoundError);
    await expect(listDeliveries(admin, crypto.randomUUID())).rejects.toThrow(NotFoundError);
  });

  it('refuses an address that is not http(s), or no event, naming the fields', async () => {
    const refused = await addWebhook(admin, { url: 'ftp://files.example.org/', events: [] }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(InvalidError);
    expect((refused as InvalidError).fieldErrors).toEqual({
      url: [
        'Use an https:// (or http://) address: Factdesk does not send webhooks to ftp: addresses.',
      ],
      events: ['Choose at least one event.'],
    });
    expect(
      await getDb().select().from(webhooks).where(eq(webhooks.url, 'ftp://files.example.org/')),
    ).toEqual([]);
  });

  it('is for admins only: editors and reviewers cannot add, list, read or remove', async () => {
    const added = await addWebhook(admin, { url: 'https://a.example/', events: ['published'] });
    for (const role of ['editor', 'reviewer'] as const) {
      const person = await createTestPerson(role);
      await expect(
        addWebhook(person, { url: 'https://b.example/', events: ['published'] }),
      ).rejects.toThrow(ForbiddenError);
      await expect(listWebhooks(person)).rejects.toThrow(ForbiddenError);
      await expect(listDeliveries(person, added.id)).rejects.toThrow(ForbiddenError);
      await expect(removeWebhook(person, added.id)).rejects.toThrow(ForbiddenError);
    }
    expect(await listWebhooks(admin)).toHaveLength(1);
  });

  it('lists deliveries newest first, a page at a time', async () => {
    const hook = await addWebhook(admin, { url: 'https://a.example/', events: ['published'] });
    for (let n = 1; n <= DELIVERIES_PAGE_SIZE + 1; n += 1) await emitted('published', `Q${n}?`);
    const first = await listDeliveries(admin, hook.id);
    expect(first.deliveries.map((d) => d.briefQuestion)).toEqual(
      Array.from({ length: DELIVERIES_PAGE_SIZE }, (_, i) => `Q${DELIVERIES_PAGE_SIZE + 1 - i}?`),
    );
    expect(first).toMatchObject({ page: 1, hasOlder: true });
    expect(first.deliveries[0]).toMatchObject({
      event: 'published',
      state: 'pending',
      attempts: 0,
      lastAttemptAt: null,
      responseStatus: null,
      responseExcerpt: null,
    });
    const second = await listDeliveries(admin, hook.id, { page: 2 });
    expect(second.deliveries.map((d) => d.briefQuestion)).toEqual(['Q1?']);
    expect(second).toMatchObject({ page: 2, hasOlder: false });
    expect((await listDeliveries(admin, hook.id, { page: -3 })).page).toBe(1);
  });
});

describe('delivering', () => {
  it('publishing a brief records a delivery, and its request verifies with the secret', async () => {
    const endpoint = await receiver();
    const hook = await addWebhook(admin, { url: endpoint.url, events: ['published'] });
    const other = await addWebhook(admin, { url: endpoint.url, events: ['unpublished'] });
    const brief = await publishedBrief();
    // Publishing did not wait for the endpoint: nothing was sent yet, a job waits.
    expect(endpoint.received).toEqual([]);
    const delivery = await onlyDeliveryOf(hook.id);
    expect(delivery).toMatchObject({ event: 'published', state: 'pending', attempts: 0 });
    expect(await jobOf(delivery.id)).toMatchObject({ state: 'created' });
    expect(await deliveriesOf(other.id)).toEqual([]);

    await deliverWebhook({ deliveryId: delivery.id });
    expect(endpoint.received).toHaveLength(1);
    const request = endpoint.received[0]!;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/factdesk' });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toBe(delivery.id);
    const body = new Webhook(hook.secret).verify(request.body, request.headers);
    expect(body).toEqual({
      type: 'brief.published',
      timestamp: expect.any(String),
      data: {
        briefId: brief.id,
        url: expect.stringMatching(/\/briefs\/did-the-alliance-promise-not-to-expand-east/),
        question: 'Did the alliance promise not to expand east?',
        versionNumber: brief.version.number,
        checkedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    });
    expect(await deliveryRow(delivery.id)).toMatchObject({
      state: 'delivered',
      attempts: 1,
      lastAttemptAt: expect.any(Date),
      responseStatus: 200,
      responseExcerpt: 'received',
      finishedAt: expect.any(Date),
    });
    // The job may run again (a worker killed after sending): nothing is sent twice.
    await deliverWebhook({ deliveryId: delivery.id });
    expect(endpoint.received).toHaveLength(1);
  });

  it('a correction is sent to the webhooks told of corrections', async () => {
    const endpoint = await receiver();
    const brief = await publishedBrief();
    const hook = await addWebhook(admin, { url: endpoint.url, events: ['corrected'] });
    await addCorrection(await createTestPerson('reviewer'), brief.id, {
      kind: 'correction',
      note: 'The date was wrong.',
    });
    const delivery = await onlyDeliveryOf(hook.id);
    await deliverWebhook({ deliveryId: delivery.id });
    const body = new Webhook(hook.secret).verify(
      endpoint.received[0]!.body,
      endpoint.received[0]!.headers,
    );
    expect(body).toMatchObject({
      type: 'brief.corrected',
      data: { briefId: brief.id, note: 'correction: The date was wrong.' },
    });
  });

  it('an unpublish is sent without its reason, which is for the audit log only; a correction to an unpublished brief is not sent', async () => {
    const endpoint = await receiver();
    const brief = await publishedBrief();
    const hook = await addWebhook(admin, {
      url: endpoint.url,
      events: ['unpublished', 'corrected'],
    });
    await unpublishBrief(admin, brief.id, { reason: 'Counsel advises removal pending review.' });
    await addCorrection(await createTestPerson('reviewer'), brief.id, {
      kind: 'correction',
      note: 'Seen by nobody outside.',
    });
    const delivery = await onlyDeliveryOf(hook.id);
    await deliverWebhook({ deliveryId: delivery.id });
    const body = new Webhook(hook.secret).verify(
      endpoint.received[0]!.body,
      endpoint.received[0]!.headers,
    ) as { type: string; data: Record<string, unknown> };
    expect(body.type).toBe('brief.unpublished');
    expect(body.data).toMatchObject({ briefId: brief.id });
    expect(body.data).not.toHaveProperty('note');
    expect(endpoint.received[0]!.body).not.toContain('Counsel');
  });

  it('a removed webhook is sent nothing, not even what was waiting', async () => {
    const endpoint = await receiver();
    const hook = await addWebhook(admin, { url: endpoint.url, events: ['published'] });
    await emitted();
    const delivery = await onlyDeliveryOf(hook.id);
    await removeWebhook(admin, hook.id);
    await deliverWebhook({ deliveryId: delivery.id });
    expect(endpoint.received).toEqual([]);
    expect(await deliveryRow(delivery.id)).toMatchObject({
      state: 'failed',
      attempts: 0,
      responseStatus: null,
      responseExcerpt: 'Not sent: the webhook was removed.',
      finishedAt: expect.any(Date),
    });
    // And a removed webhook gets no new deliveries.
    await emitted();
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
  });

  it('an address the safe fetcher refuses fails the try, with the reason recorded', async () => {
    const endpoint = await receiver();
    const privateHook = await addWebhook(admin, {
      url: 'http://10.0.0.5/hooks',
      events: ['published'],
    });
    // This machine, once FACTDESK_FETCH_ALLOW no longer names it.
    const localHook = await addWebhook(admin, { url: endpoint.url, events: ['published'] });
    vi.stubEnv('FACTDESK_FETCH_ALLOW', '');
    await emitted();
    for (const hook of [privateHook, localHook]) {
      const delivery = await onlyDeliveryOf(hook.id);
      await expect(deliverWebhook({ deliveryId: delivery.id })).rejects.toThrow(WebhookTryFailed);
      const row = await deliveryRow(delivery.id);
      expect(row).toMatchObject({ state: 'pending', attempts: 1, responseStatus: null });
      expect(row.responseExcerpt).toMatch(
        hook === privateHook
          ? /^The address points to a private network \(10\.0\.0\.5\), which Factdesk does not fetch\.$/
          : /^The address points to .* \(127\.0\.0\.1\), which Factdesk does not fetch\.$/,
      );
    }
    expect(endpoint.received).toEqual([]);
  });

  it('a redirect is not followed: the POST stays where it was sent, and the try fails', async () => {
    const endpoint = await receiver();
    const hook = await addWebhook(admin, { url: endpoint.url, events: ['published'] });
    endpoint.answer({ status: 307, headers: { location: '/elsewhere' } });
    await emitted();
    const delivery = await onlyDeliveryOf(hook.id);
    await expect(deliverWebhook({ deliveryId: delivery.id })).rejects.toThrow(
      /try 1 of 13 failed \(HTTP 307\)/,
    );
    expect(endpoint.received.map((request) => request.path)).toEqual(['/hooks/factdesk']);
    const row = await deliveryRow(delivery.id);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, responseStatus: 307 });
    expect(row.responseExcerpt).toMatch(/answered with a redirect \(HTTP 307\) to .*\/elsewhere/);
  });

  it('keeps the first kilobyte of an answer, as text', async () => {
    const endpoint = await receiver();
    const hook = await addWebhook(admin, { url: endpoint.url, events: ['published'] });
    endpoint.answer({ status: 202, body: `\u0000${'é'.repeat(600)}` });
    await emitted();
    const delivery = await onlyDeliveryOf(hook.id);
    await deliverWebhook({ deliveryId: delivery.id });
    const row = await deliveryRow(delivery.id);
    expect(row).toMatchObject({ state: 'delivered', responseStatus: 202 });
    // 1,024 bytes are 512 two-byte letters; the NUL byte, which Postgres cannot store, is gone.
    expect(row.responseExcerpt).toMatch(/^é{511}/);
    expect(row.responseExcerpt!.length).toBeLessThanOrEqual(512);
  });

  it('the last try marks the delivery failed instead of throwing', async () => {
    const endpoint = await receiver();
    const hook = await addWebhook(admin, { url: endpoint.url, events: ['published'] });
    endpoint.answer({ status: 503, body: 'Down for maintenance' });
    await emitted();
    const delivery = await onlyDeliveryOf(hook.id);
    await getDb()
      .update(webhookDeliveries)
      .set({ attempts: WEBHOOK_TRIES - 1 })
      .where(eq(webhookDeliveries.id, delivery.id));
    await deliverWebhook({ deliveryId: delivery.id });
    expect(await deliveryRow(delivery.id)).toMatchObject({
      state: 'failed',
      attempts: WEBHOOK_TRIES,
      responseStatus: 503,
      responseExcerpt: 'Down for maintenance',
      finishedAt: expect.any(Date),
    });
    await deliverWebhook({ deliveryId: delivery.id });
    expect(endpoint.received).toHaveLength(1);
  });
});

describe('retries through the job queue', () => {
  let runner: JobRunner;
  const queueErrors: unknown[] = [];
  const nothing = async () => {};

  beforeAll(async () => {
    // The tests above ran their deliveries by hand: their jobs would only hold the queue up (a
    // worker fetches one job per polling interval).
    await getDb().execute(sql`delete from pgboss.job where name = 'webhook'`);
    runner = await startJobRunner({
      handlers: {
        'publish-scheduled': nothing,
        'publish-due': nothing,
        'check-sources-due': nothing,
        'check-sources-of-host': nothing,
        email: nothing,
        webhook: deliverWebhook,
      },
      pollingIntervalSeconds: 0.5,
      onError: (error) => queueErrors.push(error),
    });
  });

  afterAll(async () => {
    await runner.stop();
    expect(queueErrors).toEqual([]);
  });

  /** A fake clock for the queue: the retry's backoff has passed. */
  async function backoffOver(jobId: string) {
    await getDb().execute(sql`update pgboss.job set start_after = now() where id = ${jobId}`);
  }

  const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

  it('a 500 fails the try and the queue retries it: the second try delivers', async () => {
    const endpoint = await receiver();
    const hook = await addWebhook(admin, { url: endpoint.url, events: ['published'] });
    endpoint.answer({ status: 500, body: 'Internal error' });
    await publishedBrief();
    const delivery = await onlyDeliveryOf(hook.id);

    await poll(() => deliveryRow(delivery.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      responseStatus: 500,
      responseExcerpt: 'Internal error',
    });
    await poll(() => jobOf(delivery.id)).toMatchObject({ state: 'retry' });
    const job = await jobOf(delivery.id);
    await backoffOver(job.id);

    await poll(() => deliveryRow(delivery.id)).toMatchObject({
      state: 'delivered',
      attempts: 2,
      responseStatus: 200,
      responseExcerpt: 'received',
    });
    await poll(() => jobOf(delivery.id)).toMatchObject({ state: 'completed', retry_count: 1 });
    // Both tries carried the same id, each signed anew.
    expect(endpoint.received.map((request) => request.headers['webhook-id'])).toEqual([
      delivery.id,
      delivery.id,
    ]);
    for (const request of endpoint.received) {
      expect(new Webhook(hook.secret).verify(request.body, request.headers)).toMatchObject({
        type: 'brief.published',
      });
    }
  });

  it('a refused connection fails the try; the retry reaches the endpoint once it listens', async () => {
    const port = await freePort();
    const hook = await addWebhook(admin, {
      url: `http://127.0.0.1:${port}/hooks/factdesk`,
      events: ['published'],
    });
    await emitted();
    const delivery = await onlyDeliveryOf(hook.id);
    await poll(() => deliveryRow(delivery.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      responseStatus: null,
      responseExcerpt: `127.0.0.1:${port} refused the connection.`,
    });
    await poll(() => jobOf(delivery.id)).toMatchObject({ state: 'retry' });

    const endpoint = await receiver(port);
    await backoffOver((await jobOf(delivery.id)).id);
    await poll(() => deliveryRow(delivery.id)).toMatchObject({
      state: 'delivered',
      attempts: 2,
      responseStatus: 200,
    });
    expect(endpoint.received).toHaveLength(1);
  });

  it('the last try the queue makes marks it failed, and the queue stops there', async () => {
    const endpoint = await receiver();
    const hook = await addWebhook(admin, { url: endpoint.url, events: ['published'] });
    endpoint.answer({ status: 500 }, { status: 502, body: 'Bad gateway' });
    await emitted();
    const delivery = await onlyDeliveryOf(hook.id);
    await poll(() => jobOf(delivery.id)).toMatchObject({ state: 'retry' });
    // As if the tries between had happened: the next one is the last.
    await getDb()
      .update(webhookDeliveries)
      .set({ attempts: WEBHOOK_TRIES - 1 })
      .where(eq(webhookDeliveries.id, delivery.id));
    await backoffOver((await jobOf(delivery.id)).id);
    await poll(() => deliveryRow(delivery.id)).toMatchObject({
      state: 'failed',
      attempts: WEBHOOK_TRIES,
      responseStatus: 502,
      responseExcerpt: 'Bad gateway',
    });
    await poll(() => jobOf(delivery.id)).toMatchObject({ state: 'completed' });
    expect(endpoint.received).toHaveLength(2);
  });
});
