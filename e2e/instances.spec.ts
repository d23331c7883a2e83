import postgres from 'postgres';
import { publishedBrief } from './data';
import { panel, recheckPublished } from './editor-fixtures';
import { confirmDialog, expect, signedInPage, test } from './fixtures';
import {
  childCommands,
  copyPublishedBrief,
  expectFreshWithin,
  type Instance,
  startInstance,
  tcpProxy,
} from './instances';

/**
 * Several instances of the production server on one database: every public channel of every
 * instance follows publication events within a second, and an instance that loses its database
 * keeps serving what it holds and recovers by itself. Instance A is the one Playwright started;
 * these tests start B, C (and D) themselves.
 */

const databaseUrl = process.env.E2E_DATABASE_URL ?? '';
const PAGE_SIZE = 20;

async function get(url: string): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** The part of a document between `open` and the next `open` that mentions `needle`, or ''. */
function chunkWith(body: string, open: string, needle: string): string {
  return body.split(open).find((chunk) => chunk.includes(needle)) ?? '';
}

/** Whether a piece of HTML shows this day in a `<time>` (React writes `dateTime`). */
function showsDay(html: string, day: string): boolean {
  return new RegExp(`datetime="${day}"`, 'i').test(html);
}

/** The brief links of a list page, in order. */
function briefLinks(body: string): string[] {
  return [...body.matchAll(/href="(\/briefs\/[a-z0-9-]+)"/g)].map((match) => match[1]!);
}

/** Every page of the front page, as that instance answers it. */
async function frontPages(base: string, sql: postgres.Sql): Promise<string[]> {
  const [{ total } = { total: 0 }] = await sql<{ total: number }[]>`
    select count(*)::int as total from briefs where published`;
  const count = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pages = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      get(index === 0 ? `${base}/` : `${base}/?page=${index + 1}`),
    ),
  );
  for (const page of pages) expect(page.status).toBe(200);
  return pages.map((page) => page.body);
}

interface Channels {
  brief: { status: number; body: string };
  front: string[];
  feed: string;
  sitemap: string;
  search: string;
}

/** Everything public about one brief on one instance, read at once. */
async function channels(
  base: string,
  sql: postgres.Sql,
  slug: string,
  searchFor: string,
): Promise<Channels> {
  const [brief, front, feed, sitemap, search] = await Promise.all([
    get(`${base}/briefs/${slug}`),
    frontPages(base, sql),
    get(`${base}/feed.xml`),
    get(`${base}/sitemap.xml`),
    get(`${base}/search?q=${encodeURIComponent(searchFor)}`),
  ]);
  return { brief, front, feed: feed.body, sitemap: sitemap.body, search: search.body };
}

test('publish, re-check, correction and unpublish reach every public channel of every instance within a second', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const others: Instance[] = [];
  try {
    const stamp = Date.now();
    const first = await publishedBrief(`Did the canal reopen to boats in ${stamp}?`);
    const slug = first.path.split('/').at(-1)!;
    const path = first.path;
    // Older briefs, so that the front page has several pages, and this brief checked long ago: it
    // is on the last page and out of the feed until its re-check.
    for (let n = 1; n <= PAGE_SIZE + 5; n += 1) {
      await copyPublishedBrief(sql, first.id, {
        question: `Was the archive box ${n} of ${stamp} catalogued?`,
        slug: `archive-box-${stamp}-${n}`,
        checkedOn: `2001-01-${String(n + 1).padStart(2, '0')}`,
      });
    }
    await sql`update briefs set published_checked_on = '2001-01-01' where id = ${first.id}`;
    // A reader pages through: page 1 is the front page's own address, the one kept and purged.
    const reader = await browser.newPage();
    await reader.goto('/');
    await reader.getByRole('link', { name: 'Older →' }).click();
    await expect(reader).toHaveURL(/\/\?page=2$/);
    await reader.getByRole('link', { name: '← Newer' }).click();
    await expect(reader).toHaveURL(/\/$/);
    await expect(reader.getByRole('link', { name: 'Older →' })).toBeVisible();
    await reader.close();
    others.push(...(await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)])));
    const everyInstance = async (check: (base: string) => Promise<void>) => {
      await Promise.all(others.map((instance) => check(instance.url)));
    };
    const fresh = (since: number, check: (base: string) => Promise<void>) =>
      everyInstance((base) => expectFreshWithin(since, 1_000, () => check(base)));
    const sameListsAsA = async (seen: Channels) => {
      const expected = await frontPages(baseURL!, sql);
      expect(seen.front.map(briefLinks)).toEqual(expected.map(briefLinks));
    };

    // B and C hold the old state of every channel in memory.
    await everyInstance(async (base) => {
      const seen = await channels(base, sql, slug, `canal ${stamp}`);
      expect(showsDay(seen.brief.body, '2001-01-01')).toBe(true);
      expect(seen.front[0]).not.toContain(`href="${path}"`);
      expect(seen.front.at(-1)).toContain(`href="${path}"`);
      expect(seen.feed).not.toContain(`${path}"`);
      expect(seen.sitemap).toContain(`${path}</loc><lastmod>2001-01-01</lastmod>`);
    });

    // Re-check through A: the checked-on day and the order of the lists change.
    const admin = await signedInPage(browser, 'admin');
    await recheckPublished(admin, first.id);
    let since = Date.now();
    const today = /datetime="(\d{4}-\d{2}-\d{2})"/i.exec(
      (await get(`${baseURL}${path}`)).body,
    )?.[1];
    expect(today).toBeTruthy();
    expect(today).not.toBe('2001-01-01');
    await fresh(since, async (base) => {
      const seen = await channels(base, sql, slug, `canal ${stamp}`);
      expect(showsDay(seen.brief.body, today!)).toBe(true);
      expect(showsDay(chunkWith(seen.front[0]!, '<li', `href="${path}"`), today!)).toBe(true);
      for (const page of seen.front.slice(1)) expect(page).not.toContain(`href="${path}"`);
      await sameListsAsA(seen);
      expect(chunkWith(seen.feed, '<entry>', `${path}"`)).toContain(
        `<updated>${today}T00:00:00+00:00</updated>`,
      );
      expect(seen.sitemap).toContain(`${path}</loc><lastmod>${today}</lastmod>`);
      expect(showsDay(chunkWith(seen.search, '<li', `href="${path}"`), today!)).toBe(true);
    });

    // A correction through A: the brief page shows it.
    const note = `The canal reopened in spring ${stamp}, not in summer.`;
    await panel(admin).getByText('Add a correction, clarification or update').click();
    await admin.getByLabel('Kind').selectOption('correction');
    await admin.getByRole('textbox', { name: 'Note for readers' }).fill(note);
    await admin.getByRole('button', { name: 'Add correction' }).click();
    await expect(panel(admin)).toContainText(`correction: ${note}`);
    since = Date.now();
    await fresh(since, async (base) => {
      const page = await get(`${base}${path}`);
      expect(page.body).toContain('Corrections and updates');
      expect(page.body).toContain(note);
    });

    // Another publication (through lib, which A hears of as B and C do): every channel lists it,
    // and every page of the lists moves.
    await everyInstance(async (base) => {
      await sameListsAsA(await channels(base, sql, slug, `canal ${stamp}`));
    });
    const second = await publishedBrief(`Did the ferry to the island run in ${stamp}?`);
    since = Date.now();
    await fresh(since, async (base) => {
      const secondSlug = second.path.split('/').at(-1)!;
      const seen = await channels(base, sql, secondSlug, `ferry ${stamp}`);
      expect(seen.brief.status).toBe(200);
      expect(seen.front[0]).toContain(`href="${second.path}"`);
      await sameListsAsA(seen);
      expect(seen.feed).toContain(`${second.path}"`);
      expect(seen.sitemap).toContain(`${second.path}</loc>`);
      expect(seen.search).toContain(`href="${second.path}"`);
    });

    // Unpublished through A: gone from every channel, the page answers 410.
    await everyInstance(async (base) => {
      const seen = await channels(base, sql, slug, `canal ${stamp}`);
      expect(seen.brief.status).toBe(200);
      expect(seen.front[0]).toContain(`href="${path}"`);
    });
    await admin.goto(`/desk/briefs/${first.id}`);
    await admin.getByLabel('Reason (audit log)').fill('Withdrawn while several instances run');
    await admin.getByRole('button', { name: 'Unpublish' }).click();
    await confirmDialog(admin, 'Unpublish');
    await expect(panel(admin)).toContainText('Unpublished: the public page answers 410.');
    since = Date.now();
    await fresh(since, async (base) => {
      const seen = await channels(base, sql, slug, `canal ${stamp}`);
      expect(seen.brief.status).toBe(410);
      for (const page of seen.front) expect(page).not.toContain(`href="${path}"`);
      await sameListsAsA(seen);
      expect(seen.feed).not.toContain(`${path}"`);
      expect(seen.sitemap).not.toContain(`${path}<`);
      expect(seen.search).not.toContain(`href="${path}"`);
    });
  } finally {
    await Promise.all(others.map((instance) => instance.stop()));
    await sql.end({ timeout: 5 });
  }
});

test('an instance that loses its database serves the public pages it holds, answers 503 for the others and recovers by itself', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const target = new URL(databaseUrl);
  const proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
  const throughProxy = new URL(databaseUrl);
  throughProxy.hostname = '127.0.0.1';
  throughProxy.port = String(proxy.port);
  let instance: Instance | undefined;
  try {
    const stamp = Date.now();
    const kept = await publishedBrief(`Did the lighthouse stay lit in ${stamp}?`);
    const other = `/briefs/harbour-wall-${stamp}`;
    await copyPublishedBrief(sql, kept.id, {
      question: `Was the harbour wall rebuilt in ${stamp}?`,
      slug: `harbour-wall-${stamp}`,
      // Today, as for any new publication: first in every list.
      checkedOn: new Date().toISOString().slice(0, 10),
    });
    instance = await startInstance(throughProxy.toString());
    const base = instance.url;
    const held = ['/', kept.path, '/feed.xml', '/sitemap.xml'];
    const expectHeld = async () => {
      for (const path of held) {
        const answer = await get(`${base}${path}`);
        expect(answer.status, path).toBe(200);
        if (path === kept.path) expect(answer.body).toContain(`lighthouse stay lit in ${stamp}`);
        else expect(answer.body).toContain(`${kept.path}`);
      }
    };
    await expectHeld();

    proxy.cut();
    const notHeld = [other, '/?page=2', `/search?q=${encodeURIComponent(`harbour ${stamp}`)}`];
    for (const path of notHeld) {
      await expect
        .poll(async () => (await get(`${base}${path}`)).status, { timeout: 60_000, message: path })
        .toBe(503);
      const answer = await get(`${base}${path}`);
      expect(answer.body).toContain('temporarily unavailable');
      expect(answer.headers.get('retry-after')).toBeTruthy();
    }
    await expectHeld();

    // Unpublished through A meanwhile: this instance cannot hear of it while its database is cut
    // off, and keeps serving what it holds; once back, it forgets everything it held.
    const admin = await signedInPage(browser, 'admin');
    await admin.goto(`/desk/briefs/${kept.id}`);
    await admin.getByLabel('Reason (audit log)').fill('Withdrawn during an outage');
    await admin.getByRole('button', { name: 'Unpublish' }).click();
    await confirmDialog(admin, 'Unpublish');
    await expect(panel(admin)).toContainText('Unpublished: the public page answers 410.');
    await expectHeld();

    proxy.restore();
    await expect
      .poll(async () => (await get(`${base}${kept.path}`)).status, { timeout: 60_000 })
      .toBe(410);
    await expect
      .poll(async () => (await get(`${base}${other}`)).status, { timeout: 60_000 })
      .toBe(200);
    for (const path of ['/', '/feed.xml', '/sitemap.xml']) {
      const answer = await get(`${base}${path}`);
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).not.toContain(`${kept.path}`);
      expect(answer.body, path).toContain(`${other}`);
    }
    const search = await get(`${base}/search?q=${encodeURIComponent(`harbour ${stamp}`)}`);
    expect(search.status).toBe(200);
    expect(search.body).toContain(`href="${other}"`);
  } finally {
    await instance?.stop();
    await proxy.close();
    await sql.end({ timeout: 5 });
  }
});

test('an instance runs the background jobs beside itself unless FACTDESK_JOBS=off', async () => {
  test.setTimeout(240_000);
  const runsJobs = await startInstance(databaseUrl);
  const servesOnly = await startInstance(databaseUrl, { FACTDESK_JOBS: 'off' });
  try {
    const workers = (instance: Instance) =>
      childCommands(instance.pid).filter((command) => command.includes('scripts/worker.ts'));
    // The worker starts once the server listens: give it the moment it takes.
    await expect.poll(() => workers(runsJobs).length, { timeout: 30_000 }).toBe(1);
    expect(workers(servesOnly)).toEqual([]);
    expect((await get(`${servesOnly.url}/robots.txt`)).status).toBe(200);
  } finally {
    await Promise.all([runsJobs.stop(), servesOnly.stop()]);
  }
});
