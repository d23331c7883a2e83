import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs } from '@/db/schema';
import { publishedBrief } from '@/lib/policy/test-briefs';
import { createTestPerson } from '@/lib/users/test-people';
import { type Receiver, startReceiver } from '@/lib/webhooks/test-receiver';
import { addCorrection, unpublishBrief } from './mutations';

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

const slugOf = async (id: string) =>
  (await getDb().select({ slug: briefs.slug }).from(briefs).where(eq(briefs.id, id)))[0]?.slug;

describe('purging the shared cache', () => {
  it('asks for every page a publication changed, by address, before the publication returns', async () => {
    const cache = await purgedLikeNginx();
    const { id } = await publishedBrief();
    const paths = cache.received.map((request) => request.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        `/briefs/${await slugOf(id)}`,
        '/',
        '/?page=2',
        '/corrections',
        '/feed.xml',
        '/sitemap.xml',
        '/corrections.xml',
        '/claimreview.json',
        '/methodology',
        '/corrections-policy',
      ]),
    );
    expect(new Set(paths).size).toBe(paths.length);
    for (const request of cache.received) {
      expect(request.method).toBe('HEAD');
      expect(request.headers['x-factdesk-refresh']).toBe('1');
    }
  });

  it('asks for a withdrawn brief’s own page, which no list names any more', async () => {
    const { id } = await publishedBrief();
    const cache = await purgedLikeNginx();
    await unpublishBrief(await createTestPerson('admin'), id, { reason: 'Legal review.' });
    expect(cache.received.map((request) => request.path)).toContain(`/briefs/${await slugOf(id)}`);
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
