import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import type { BriefDocument } from '@/lib/content/document';
import { completeDocument, publishedBrief, verifiedAll } from '@/lib/policy/test-briefs';
import { createTestPerson } from '@/lib/users/test-people';
import { type Receiver, startReceiver } from '@/lib/webhooks/test-receiver';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { addCorrection, publishBrief, unpublishBrief } from './mutations';

/**
 * Publication events purge the shared cache (lib/publication/purge.ts), here a receiver on
 * 127.0.0.1 standing for nginx or a CDN's API: what it is asked, and that the change stands
 * whatever it answers.
 */
let receiver: Receiver | undefined;
const PURGE_SETTINGS = ['FACTDESK_PURGE_URL', 'FACTDESK_PURGE_METHOD', 'FACTDESK_PURGE_HEADERS'];

afterEach(async () => {
  for (const name of PURGE_SETTINGS) delete process.env[name];
  await receiver?.close();
  receiver = undefined;
});

async function purgedLikeNginx(): Promise<Receiver> {
  receiver = await startReceiver();
  process.env.FACTDESK_PURGE_URL = `${new URL(receiver.url).origin}{path}`;
  process.env.FACTDESK_PURGE_METHOD = 'HEAD';
  process.env.FACTDESK_PURGE_HEADERS = '{"X-Factdesk-Refresh":"1"}';
  return receiver;
}

/** Written, approved and published by people of its own; its id. */
async function published(document: BriefDocument): Promise<string> {
  const writer = await createTestPerson('editor');
  const { id } = await createBrief(writer);
  const saved = await saveBrief(writer, id, { baseRevision: 1, kind: 'save', document });
  await submitForReview(writer, id);
  const reviewer = await createTestPerson('reviewer');
  await approveBrief(reviewer, id, {
    versionNumber: saved.head.number,
    verifiedSourceIds: verifiedAll,
  });
  await publishBrief(reviewer, id, { versionNumber: saved.head.number });
  return id;
}

const slugOf = async (id: string) =>
  (await getDb().select({ slug: briefs.slug }).from(briefs).where(eq(briefs.id, id)))[0]?.slug;

describe('purging the shared cache', () => {
  it('asks for every page a publication changed, by address, before the publication returns', async () => {
    const stamp = Date.now();
    const question = `Did the ferry stop in ${stamp}?`;
    // A page whose related questions name the brief about to be published, and one unrelated.
    const linking = await published({
      ...completeDocument(`Did the tram stop in ${stamp}?`),
      relatedQuestions: [{ text: `  did the FERRY stop in ${stamp}? ` }],
    });
    const unrelated = await published(completeDocument(`Did the bus stop in ${stamp}?`));
    const cache = await purgedLikeNginx();
    const id = await published(completeDocument(question));
    const paths = cache.received.map((request) => request.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        `/briefs/${await slugOf(id)}`,
        `/briefs/${await slugOf(linking)}`,
        '/',
        '/?page=2',
        '/corrections',
        '/feed.xml',
        '/sitemap.xml',
        '/corrections.xml',
        '/claimreview.json',
      ]),
    );
    // Only the pages it changed: not every brief's, nor the site's own pages.
    expect(paths).not.toContain(`/briefs/${await slugOf(unrelated)}`);
    expect(paths).not.toContain('/methodology');
    expect(new Set(paths).size).toBe(paths.length);
    for (const request of cache.received) {
      expect(request.method).toBe('HEAD');
      expect(request.headers['x-factdesk-refresh']).toBe('1');
    }
  });

  it('asks for a withdrawn brief’s own page, which no list names any more, and those that linked to it', async () => {
    const stamp = Date.now();
    const id = await published(completeDocument(`Did the canal freeze in ${stamp}?`));
    const linking = await published({
      ...completeDocument(`Did the river freeze in ${stamp}?`),
      relatedQuestions: [{ text: `Did the canal freeze in ${stamp}?` }],
    });
    const cache = await purgedLikeNginx();
    await unpublishBrief(await createTestPerson('admin'), id, { reason: 'Legal review.' });
    const paths = cache.received.map((request) => request.path);
    expect(paths.slice(0, 1)).toEqual([`/briefs/${await slugOf(id)}`]);
    expect(paths).toContain(`/briefs/${await slugOf(linking)}`);
    expect(paths).toContain('/');
  });

  it('names the surrogate keys in one request to a cache purged by key', async () => {
    const { id } = await publishedBrief();
    receiver = await startReceiver();
    process.env.FACTDESK_PURGE_URL = `${new URL(receiver.url).origin}/service/s1/purge`;
    process.env.FACTDESK_PURGE_METHOD = 'POST';
    process.env.FACTDESK_PURGE_HEADERS = '{"Surrogate-Key":"{keys}","Fastly-Key":"token"}';
    await addCorrection(await createTestPerson('admin'), id, {
      kind: 'correction',
      note: 'The figure was for 2023, not 2024.',
    });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({
      method: 'POST',
      path: '/service/s1/purge',
      headers: { 'surrogate-key': `brief-${await slugOf(id)} lists`, 'fastly-key': 'token' },
    });
  });

  it('leaves the publication standing when the cache fails', async () => {
    const cache = await purgedLikeNginx();
    cache.answer(...Array.from({ length: 100 }, () => ({ status: 500 })));
    const { id } = await publishedBrief();
    expect(cache.received.length).toBeGreaterThan(0);
    const [row] = await getDb()
      .select({ published: briefs.published })
      .from(briefs)
      .where(eq(briefs.id, id));
    expect(row?.published).toBe(true);
  });
});
