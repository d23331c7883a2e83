import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { briefs, briefVersions, sourceArchives } from '@/db/schema';
import { approvedBrief, publishedBrief } from '@/lib/policy/test-briefs';
import { publishBrief } from '@/lib/publication/mutations';
import { getPublicBrief } from '@/lib/publication/queries';
import { renderPublicBrief } from '@/lib/publication/render';
import { createTestPerson } from '@/lib/users/test-people';
import { latestArchives, takeNextArchive } from './archives';

/**
 * A fake Save Page Now on this machine: the copy of …/a is made after one "pending"; …/b cannot
 * be copied; the job of …/slow never finishes.
 */
let server: Server;
let base = '';
const seen: { method: string; path: string; authorization?: string; body: string }[] = [];
const polls = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const path = request.url ?? '';
      seen.push({
        method: request.method ?? '',
        path,
        authorization: request.headers.authorization,
        body,
      });
      response.setHeader('content-type', 'application/json');
      if (request.method === 'POST' && path === '/save') {
        const url = new URLSearchParams(body).get('url') ?? '';
        response.end(JSON.stringify({ url, job_id: `job:${url}` }));
        return;
      }
      const job = decodeURIComponent(path.replace('/save/status/', '')).replace(/^job:/, '');
      const count = (polls.get(job) ?? 0) + 1;
      polls.set(job, count);
      if (job.endsWith('/a') && count > 1) {
        response.end(
          JSON.stringify({ status: 'success', timestamp: '20261201101010', original_url: job }),
        );
      } else if (job.endsWith('/b')) {
        response.end(JSON.stringify({ status: 'error', message: 'The host could not be found.' }));
      } else {
        response.end(JSON.stringify({ status: 'pending' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen.length = 0;
  polls.clear();
  vi.stubEnv('FACTDESK_FETCH_ALLOW', '127.0.0.1');
  vi.stubEnv('FACTDESK_ARCHIVE_ENDPOINT', base);
  vi.stubEnv('FACTDESK_ARCHIVE_AUTH', 'LOW key:secret');
});

async function takeAll(deadlineMs = 2000) {
  const announced: string[] = [];
  while (
    await takeNextArchive({
      pollMs: 10,
      deadlineMs,
      afterArchived: async (_tx, briefId) => {
        announced.push(briefId);
      },
    })
  );
  return announced;
}

async function requestsOf(briefId: string) {
  return getDb()
    .select()
    .from(sourceArchives)
    .where(eq(sourceArchives.briefId, briefId))
    .orderBy(sourceArchives.sourceId);
}

describe('archiving the cited pages of a published brief', () => {
  it('asks the archive for each cited address, shows the copy made and lists the failure', async () => {
    const { id } = await publishedBrief();
    // Publishing only asked: nothing was sent yet.
    expect((await requestsOf(id)).map((r) => [r.sourceId, r.state])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
    ]);
    expect(seen).toEqual([]);
    const [before] = await getDb().select().from(briefs).where(eq(briefs.id, id));

    expect(await takeAll()).toEqual([id]);
    const saves = seen.filter((r) => r.method === 'POST');
    expect(saves.map((r) => r.body).sort()).toEqual([
      'url=https%3A%2F%2Fexample.org%2Fa',
      'url=https%3A%2F%2Fexample.org%2Fb',
    ]);
    expect(seen.every((r) => r.authorization === 'LOW key:secret')).toBe(true);

    const editor = await createTestPerson('editor');
    const latest = await latestArchives(editor, id);
    expect(latest.get('a')).toMatchObject({
      state: 'archived',
      archiveUrl: `${base}/web/20261201101010/https://example.org/a`,
      archivedAt: new Date('2026-12-01T10:10:10Z'),
    });
    expect(latest.get('b')).toMatchObject({
      state: 'failed',
      failureMessage: `The archive (${base.slice(7)}) could not copy the page: The host could not be found.`,
    });

    // The published version is the one approved, unchanged; its page shows the copy beside it.
    const [after] = await getDb().select().from(briefs).where(eq(briefs.id, id));
    expect(after?.publishedVersionId).toBe(before?.publishedVersionId);
    const [version] = await getDb()
      .select({ sources: briefVersions.content })
      .from(briefVersions)
      .where(eq(briefVersions.id, after?.publishedVersionId ?? ''));
    expect(version?.sources.sources.map((s) => s.archiveUrl)).toEqual(['', '']);
    const page = await getPublicBrief(after?.slug ?? '');
    if (page.status !== 'published') throw new Error('not published');
    const html = renderPublicBrief(page.brief, {
      name: 'Factdesk',
      baseUrl: 'https://factcheck.example',
      disclaimer: '',
      pages: { methodology: false, correctionsPolicy: false },
    });
    expect(html).toContain(
      `data-originalurl="https://example.org/a" data-versionurl="${base}/web/20261201101010/https://example.org/a" data-versiondate="2026-12-01">Archived copy</a>`,
    );
    // One source has a copy, the other none: one in the list (its citation card offers it too).
    const listStart = html.indexOf('role="doc-bibliography"');
    const sourceList = html.slice(listStart, html.indexOf('</section>', listStart));
    expect(sourceList.match(/Archived copy/g)).toHaveLength(1);
  });

  it('never holds up publication: an archive that does not answer, or none configured', async () => {
    vi.stubEnv('FACTDESK_ARCHIVE_ENDPOINT', 'http://127.0.0.1:9');
    const fixture = await approvedBrief();
    const reviewer = await createTestPerson('reviewer');
    const started = Date.now();
    await publishBrief(reviewer, fixture.id, { versionNumber: fixture.version.number });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await requestsOf(fixture.id)).map((r) => r.state)).toEqual(['pending', 'pending']);
    await takeAll();
    const failed = await requestsOf(fixture.id);
    expect(failed.map((r) => r.state)).toEqual(['failed', 'failed']);
    expect(failed[0]?.failureMessage).toMatch(/127\.0\.0\.1:9/);
    const [brief] = await getDb().select().from(briefs).where(eq(briefs.id, fixture.id));
    expect(brief?.published).toBe(true);

    vi.stubEnv('FACTDESK_ARCHIVE_ENDPOINT', '');
    const quiet = await publishedBrief();
    expect(await requestsOf(quiet.id)).toEqual([]);
    expect(await takeNextArchive()).toBe(false);
  });

  it('gives up on a copy the archive has not made by the deadline', async () => {
    vi.stubEnv('FACTDESK_ARCHIVE_ENDPOINT', base);
    const { id } = await approvedBrief();
    await getDb()
      .insert(sourceArchives)
      .values({ briefId: id, sourceId: 'a', url: 'https://example.org/slow' });
    await takeAll(100);
    const [request] = await requestsOf(id);
    expect(request).toMatchObject({ state: 'failed' });
    expect(request?.failureMessage).toMatch(/had not made its copy after 1 s/);
  });
});
