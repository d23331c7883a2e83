import { type APIRequestContext, request as playwrightRequest } from '@playwright/test';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { closeDb, getDb } from '@/db/client';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { systemActor } from '@/lib/policy/policy';
import { publishBrief, unpublishBrief } from '@/lib/publication/mutations';
import { createUser } from '@/lib/users/mutations';
import { createUserSchema } from '@/lib/users/schemas';
import { approveBrief } from '@/lib/workflow/mutations';
import { startTopology, type Topology } from '@/scripts/cluster/topology';
import { E2E_PASSWORD, e2eAccounts } from '../accounts';
import { actor, briefInReview, completeDocument, draftBrief } from '../data';
import { panel } from '../editor-fixtures';
import { test as base, confirmDialog, expect, signIn } from '../fixtures';
import { clusterPort } from './playwright.config';

/**
 * The scale-out topology, running: nginx in front of three instances, a primary with a streaming
 * replica. Everything goes through nginx, as a reader's and the newsroom's requests do, but the
 * save conflict, which goes to two instances by name. The tests run in order, on one topology.
 */
const test = base.extend<object, { topology: Topology }>({
  topology: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures it needs from this pattern.
    async ({}, use) => {
      // A pair of its own with a replica, whatever DATABASE_URL the suite was given.
      delete process.env.DATABASE_URL;
      delete process.env.FACTDESK_READ_DATABASE_URL;
      const topology = await startTopology({
        name: 'cluster-test',
        fresh: true,
        port: clusterPort,
        log: () => {},
      });
      // This process makes the test's data with lib's functions (../data.ts), and publishes as an
      // instance (or the worker) does: on the primary, purging nginx once the replica has it.
      Object.assign(process.env, topology.publisherEnv);
      for (const account of Object.values(e2eAccounts)) {
        await createUser(
          systemActor('seed'),
          createUserSchema.parse({ ...account, password: E2E_PASSWORD }),
        );
      }
      await use(topology);
      await closeDb();
      await topology.stop();
    },
    { scope: 'worker', timeout: 900_000 },
  ],
});
test.describe.configure({ mode: 'serial' });

const baseURL = `http://localhost:${clusterPort}`;
const upstreamOf = (headers: Record<string, string>) => headers['x-factdesk-upstream'] ?? '';

/** Signs in through Auth.js's credentials endpoint, as the login form does. */
async function signInThroughApi(
  context: APIRequestContext,
  email: string,
  password: string,
): Promise<{ signedIn: boolean; upstream: string }> {
  const csrf = await context.get('/api/auth/csrf');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await context.post('/api/auth/callback/credentials', {
    form: { email, password, csrfToken, callbackUrl: `${baseURL}/desk` },
    maxRedirects: 0,
  });
  const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie');
  return {
    signedIn: cookies.some((cookie) => /session-token=[^;]/.test(cookie.value)),
    upstream: upstreamOf(response.headers()),
  };
}

const newContext = () =>
  playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-factdesk-trace': '1' } });

/** A draft of the editor's, made through lib, and a session of the editor's through nginx. */
async function editorsDraft(question: string) {
  const { id } = await draftBrief('editor', completeDocument(`${question} (${Date.now()})?`));
  const context = await newContext();
  const session = await signInThroughApi(context, e2eAccounts.editor.email, E2E_PASSWORD);
  expect(session.signedIn).toBe(true);
  return { id, context };
}

/** A brief the editor wrote and submitted and the reviewer approved, through lib. */
async function approvedThroughLib(question: string) {
  const { id } = await briefInReview(question);
  const reviewer = await actor('reviewer');
  const { head, document } = await getBriefForEditing(reviewer, id);
  await approveBrief(reviewer, id, {
    versionNumber: head.number,
    verifiedSourceIds: document.sources.map((source) => source.id),
  });
  return { id, version: head.number, reviewer };
}

/** Published as an instance (or the worker) publishes: the purge sent before it returns. */
async function publishedThroughLib(question: string): Promise<string> {
  const { id, version, reviewer } = await approvedThroughLib(question);
  await publishBrief(reviewer, id, { versionNumber: version });
  return id;
}

/** Reads `path` through nginx until `shows` holds; the time it took (ms), or fails after 1 s. */
async function visibleWithin(path: string, shows: (status: number, body: string) => boolean) {
  const started = Date.now();
  for (;;) {
    const response = await fetch(`${baseURL}${path}`);
    if (shows(response.status, await response.text())) return Date.now() - started;
    if (Date.now() - started > 1_000) throw new Error(`${path} did not change within 1 s.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('a person signs in through nginx and stays signed in whichever instance answers', async ({
  page,
  topology,
}) => {
  expect(topology.instances).toHaveLength(3);
  await signIn(page, e2eAccounts.editor.email);
  const upstreams = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const response = await page.goto('/desk');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('private, no-store');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    upstreams.add(upstreamOf(response!.headers()));
  }
  expect(upstreams.size).toBeGreaterThan(1);
});

test('sign-in throttling counts the failures made on every instance', async ({ topology }) => {
  expect(topology.instances.length).toBeGreaterThan(1);
  const email = `throttled-${Date.now()}@example.org`;
  await createUser(
    systemActor('seed'),
    createUserSchema.parse({
      name: 'Tess Throttled',
      email,
      role: 'editor',
      password: E2E_PASSWORD,
    }),
  );
  const context = await newContext();
  const upstreams = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const attempt = await signInThroughApi(context, email, 'not-the-password-at-all');
    expect(attempt.signedIn).toBe(false);
    upstreams.add(attempt.upstream);
  }
  expect(upstreams.size).toBeGreaterThan(1);
  // The right password now: refused, whichever instance takes it.
  for (let i = 0; i < 3; i++) {
    expect((await signInThroughApi(context, email, E2E_PASSWORD)).signedIn).toBe(false);
  }
  // Per account: another person still signs in.
  expect(
    (await signInThroughApi(await newContext(), e2eAccounts.reviewer.email, E2E_PASSWORD)).signedIn,
  ).toBe(true);
});

test('two saves of the same version on two instances: one is kept, the other is a 409', async ({
  topology,
}) => {
  const { id, context } = await editorsDraft('Is the bridge closed');
  const { head, document } = await getBriefForEditing(await actor('editor'), id);
  const cookie = (await context.storageState()).cookies
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  const saveOn = (port: number, question: string) =>
    fetch(`http://127.0.0.1:${port}/api/briefs/${id}/save`, {
      method: 'POST',
      headers: { cookie, origin: baseURL, 'content-type': 'application/json' },
      body: JSON.stringify({
        baseRevision: head.revision,
        kind: 'save',
        document: { ...document, question },
      }),
    });
  const [first, second] = topology.instances;
  const answers = await Promise.all([
    saveOn(first!.port, 'Is the bridge closed on Mondays?'),
    saveOn(second!.port, 'Is the bridge closed on Sundays?'),
  ]);
  expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
  const conflict = answers.find((answer) => answer.status === 409)!;
  const kept = (await getBriefForEditing(await actor('editor'), id)).document.question;
  expect(((await conflict.json()) as { document: { question: string } }).document.question).toBe(
    kept,
  );
});

test('publish, correct and unpublish: every path shows it through the cache within 1 s, and a withdrawn brief is never served again', async ({
  browser,
  page,
}) => {
  const stamp = Date.now();
  const word = `zephyr${stamp}`;
  const question = `Did the ${word} ferry stop running?`;
  const { id } = await approvedThroughLib(question);

  // What readers have been reading is in the cache.
  const lists = ['/', '/feed.xml', '/sitemap.xml', '/corrections', '/corrections.xml'];
  for (const path of lists) await fetch(`${baseURL}${path}`);
  const warm = await fetch(`${baseURL}/`);
  expect(warm.headers.get('x-cache-status')).toBe('HIT');
  expect(await warm.text()).not.toContain(question);

  // Published in the browser, on whichever instance nginx picks.
  await signIn(page, e2eAccounts.reviewer.email);
  await page.goto(`/desk/briefs/${id}`);
  await panel(page).getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(panel(page)).toContainText('Public: version');
  const path =
    (await panel(page).getByRole('link', { name: 'View the public page' }).getAttribute('href')) ??
    '';
  const briefPath = new URL(path, baseURL).pathname;
  const delays: Record<string, number> = {
    front: await visibleWithin('/', (_, body) => body.includes(question)),
    page: await visibleWithin(
      briefPath,
      (status, body) => status === 200 && body.includes(question),
    ),
    search: await visibleWithin(`/search?q=${word}`, (_, body) => body.includes(question)),
    feed: await visibleWithin('/feed.xml', (_, body) => body.includes(briefPath)),
    sitemap: await visibleWithin('/sitemap.xml', (_, body) => body.includes(briefPath)),
  };
  // The publisher reads it at once, through the replica.
  expect((await page.goto(briefPath))?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(question);
  // Kept by the cache again, with its keys.
  const cached = await fetch(`${baseURL}${briefPath}`);
  expect(cached.headers.get('x-cache-status')).toBe('HIT');
  expect(cached.headers.get('surrogate-key')).toContain(`brief-${briefPath.split('/').pop()}`);

  // A correction, by the admin.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, e2eAccounts.admin.email);
  await admin.goto(`/desk/briefs/${id}`);
  const note = `The ferry stopped on weekdays only (${stamp}).`;
  await panel(admin).getByText('Add a correction, clarification or update').click();
  await admin.getByRole('textbox', { name: 'Note for readers' }).fill(note);
  await admin.getByRole('button', { name: 'Add correction' }).click();
  await expect(panel(admin)).toContainText(note);
  delays.correctedPage = await visibleWithin(briefPath, (_, body) => body.includes(note));
  delays.corrections = await visibleWithin('/corrections', (_, body) => body.includes(note));

  // Unpublished while a reader keeps asking for the page.
  const seen: { startedAt: number; status: number }[] = [];
  let reading = true;
  const reader = (async () => {
    while (reading) {
      const startedAt = Date.now();
      const response = await fetch(`${baseURL}${briefPath}`);
      await response.arrayBuffer();
      seen.push({ startedAt, status: response.status });
    }
  })();
  await admin.getByLabel('Reason (audit log)').fill(`Checking again ${stamp}`);
  await admin.getByRole('button', { name: 'Unpublish' }).click();
  await confirmDialog(admin, 'Unpublish');
  await expect(panel(admin)).toContainText('Unpublished: the public page answers 410.');
  const unpublishedAt = Date.now();
  delays.withdrawnPage = await visibleWithin(briefPath, (status) => status === 410);
  delays.withdrawnFront = await visibleWithin('/', (_, body) => !body.includes(question));
  delays.withdrawnSearch = await visibleWithin(
    `/search?q=${word}`,
    (_, body) => !body.includes(question),
  );
  delays.withdrawnFeed = await visibleWithin('/feed.xml', (_, body) => !body.includes(briefPath));
  delays.withdrawnSitemap = await visibleWithin(
    '/sitemap.xml',
    (_, body) => !body.includes(briefPath),
  );
  // Past the second purge (3 s after the first).
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  reading = false;
  await reader;
  const after = seen.filter((read) => read.startedAt >= unpublishedAt);
  expect(after.length).toBeGreaterThan(20);
  expect(after.filter((read) => read.status !== 410)).toEqual([]);
  expect(seen.some((read) => read.startedAt < unpublishedAt && read.status === 200)).toBe(true);
  console.log('publish-to-visible delays (ms):', JSON.stringify(delays));
});

test('a replica that lags behind an unpublish: no path shows the withdrawn brief once the newsroom is told', async ({
  topology,
}) => {
  const word = `wombat${Date.now()}`;
  const question = `Did the ${word} bridge reopen?`;
  const id = await publishedThroughLib(question);
  const [slug] = await getDb().execute<{ slug: string }>(
    sql`select slug from briefs where id = ${id}`,
  );
  const briefPath = `/briefs/${slug!.slug}`;
  await visibleWithin(briefPath, (status) => status === 200);
  await visibleWithin(`/search?q=${word}`, (_, body) => body.includes(question));

  // The replica stops replaying (it still answers): it falls behind the unpublish.
  const replica = postgres(topology.replicaUrl!, { max: 1 });
  try {
    await replica`select pg_wal_replay_pause()`;
    await unpublishBrief(await actor('admin'), id, { reason: 'Lagging replica test.' });
    const until = Date.now() + 3_000;
    while (Date.now() < until) {
      const [page, search, front] = await Promise.all(
        [briefPath, `/search?q=${word}`, '/'].map((path) => fetch(`${baseURL}${path}`)),
      );
      expect(page!.status).toBe(410);
      expect(await search!.text()).not.toContain(question);
      expect(await front!.text()).not.toContain(question);
    }
  } finally {
    await replica`select pg_wal_replay_resume()`;
    await replica.end();
  }
  const log = () => topology.instances.flatMap((instance) => instance.output).join('\n');
  expect(log()).toContain('the read replica is more than 2000 ms behind');
  await expect
    .poll(log, { timeout: 20_000 })
    .toContain('the read replica answers and has caught up');
});

test('an instance killed under load: nginx retries every read, and every acknowledged save is kept', async ({
  topology,
}) => {
  const { id, context } = await editorsDraft('Is the tunnel open');
  const editor = await actor('editor');

  let loading = true;
  const readStatuses: number[] = [];
  const readers = Array.from({ length: 6 }, async (_, lane) => {
    while (loading) {
      // Not kept by the cache: each of these reaches an instance.
      const path = lane % 2 === 0 ? '/search?q=ferry' : `/?page=1&lane=${lane}`;
      const response = await fetch(`${baseURL}${path}`);
      await response.arrayBuffer();
      readStatuses.push(response.status);
    }
  });
  const acknowledged: string[] = [];
  const saver = (async () => {
    for (let n = 0; loading; n++) {
      const { head, document } = await getBriefForEditing(editor, id);
      const marker = `save-${n}-${Date.now()}`;
      const response = await context.post(`/api/briefs/${id}/save`, {
        headers: { origin: baseURL },
        data: {
          baseRevision: head.revision,
          kind: 'save',
          document: { ...document, question: `Is the tunnel open (${marker})?` },
        },
        failOnStatusCode: false,
      });
      if (response.status() === 200) acknowledged.push(marker);
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  topology.kill(1);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  loading = false;
  await Promise.all([...readers, saver]);

  expect(readStatuses.length).toBeGreaterThan(50);
  expect(readStatuses.filter((status) => status !== 200)).toEqual([]);
  expect(acknowledged.length).toBeGreaterThan(3);
  for (const marker of acknowledged) {
    const [row] = await getDb().execute<{ versions: number }>(
      sql`select count(*)::int as versions from brief_versions
          where brief_id = ${id} and content->>'question' like ${`%${marker}%`}`,
    );
    expect(row?.versions, marker).toBe(1);
  }
  // The killed instance is started again and answers.
  await topology.allAnswering();
});

test('a replica that stops: public reads go to the primary, with a warning, and come back to it', async ({
  topology,
}) => {
  const replica = topology.embedded?.replica;
  expect(replica).toBeDefined();
  const warnings = () => topology.instances.flatMap((instance) => instance.output).join('\n');
  const takenBack = () => warnings().split('the read replica answers and has caught up').length;
  const takenBackBefore = takenBack();
  await replica!.stopNow();
  for (let i = 0; i < 6; i++) {
    const response = await fetch(`${baseURL}/search?q=ferry`);
    expect(response.status, warnings().slice(-3000)).toBe(200);
    expect(await response.text()).toContain('ferry');
  }
  expect(warnings()).toContain('the read replica does not answer: public reads go to the primary');

  // Published while the replica is down: visible (on the primary), and on the replica once back.
  const word = `quokka${Date.now()}`;
  const question = `Did the ${word} ferry change its route?`;
  await publishedThroughLib(question);
  await visibleWithin('/', (_, body) => body.includes(question));
  await replica!.started.restart();
  await expect.poll(takenBack, { timeout: 20_000 }).toBeGreaterThan(takenBackBefore);
  for (let i = 0; i < 3; i++) {
    expect(await (await fetch(`${baseURL}/search?q=${word}`)).text()).toContain(question);
  }
});
