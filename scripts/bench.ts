/**
 * `npm run bench`: what readers and editors feel, each figure against a baseline measured in the
 * same run. Builds if needed, starts Factdesk on a fresh database (DATABASE_URL's server or the
 * embedded Postgres), seeds what each benchmark needs in bulk, warms up, measures in rounds,
 * prints one table and writes it to .bench/results.json. Benchmarks are not tests: nothing here
 * fails on a slow figure; the table says whether each target is met.
 *
 * `npm run bench -- --only typing` (or `--only save,typing`) runs only those sections (see
 * `sections`), to check them while working on them: the table is written to
 * .bench/results.<sections>.json instead, and results.json is left as the last full run left it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { freePort } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { briefs, users } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import type { Actor } from '@/lib/policy/policy';
import { publishBrief } from '@/lib/publication/mutations';
import { listPublicBriefs, searchPublicBriefs } from '@/lib/publication/queries';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { captureTimings, reviewScreenTimings } from './bench/captures';
import { seedCommentThreads } from './bench/comment-threads';
import { benchDocument, revised } from './bench/documents';
import {
  childrenMatching,
  loadTest,
  median,
  percentile,
  REPORT_PREFIX,
  residentMiB,
  searchLoad,
  signIn,
  timed,
  waitForHttp,
} from './bench/http';
import { hostileImports, importPoster, robotsDuringImports } from './bench/import';
import { scheduledPublicationDelays, webhookJobsPerSecond } from './bench/jobs';
import { benchTopics, seedDeskBriefs, seedPublishedBriefs, seedVersions } from './bench/seed';
import { sourceDetailsTimings } from './bench/source-details';
import { launchChromium, summarize, typingLatencies } from './bench/typing';
import { buildIfNeeded } from './build';
import { type SeededAccount, seedDemo } from './seed';
import { createDatabase, dropDatabase, openTestServer, uniqueDatabaseName } from './test-database';

interface Row {
  name: string;
  value: number;
  unit: string;
  p95?: number;
  baseline: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
}

/** The bench's sections, in the order they run (`--only` names some of them). */
const sections = [
  'public-page', // throughput, p99 and memory of a cached brief page
  'claim-page', // throughput of a cached brief page with a claim review and 50 citation cards
  'desk', // the newsroom's list /desk/briefs at 1,000 and 100,000 briefs
  'lists', // first render, front page and search at 100 and 10,000 briefs, memory under search
  'save', // saves and the history page at 10 and 10,000 versions
  'fetch-details',
  'captures', // a capture, and the review screen with captured sources
  'import', // /robots.txt during hostile imports
  'typing',
  'jobs', // scheduled publication, webhook deliveries
  'cluster', // nginx in front of three instances and a replica: cache, scale-out, purge delay
] as const;
type Section = (typeof sections)[number];

/** The sections named by `--only a,b` (or `--only=a,b`), or null: all of them. */
function onlySections(args: readonly string[]): Set<Section> | null {
  const at = args.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (at === -1) return null;
  const value = args[at]!.startsWith('--only=') ? args[at]!.slice('--only='.length) : args[at + 1];
  const names = (value ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !sections.includes(name as Section));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(
      `--only takes sections separated by commas, among: ${sections.join(', ')}` +
        (unknown.length ? ` (not ${unknown.join(', ')})` : ''),
    );
  }
  return new Set(names as Section[]);
}

const only = onlySections(process.argv.slice(2));
const wanted = (section: Section) => only === null || only.has(section);

const rows: Row[] = [];
/** The worker's command line: its memory is reported apart from the web server's. */
const WORKER = /scripts\/worker\.ts/;
const say = (message: string) => console.log(`[bench] ${message}`);

function row(input: Omit<Row, 'ratio' | 'met'> & { ratio?: number | null; met?: boolean | null }) {
  rows.push({ ratio: null, met: null, ...input });
}

async function actorFor(account: SeededAccount): Promise<Actor> {
  const [person] = await getDb().select().from(users).where(eq(users.email, account.email));
  return { id: person!.id, email: person!.email, name: person!.name, role: person!.role };
}

/** A brief with the benchmark document saved (its version 2) by `actor`. */
async function benchBrief(actor: Actor, document: ReturnType<typeof benchDocument>) {
  const { id } = await createBrief(actor);
  await saveBrief(actor, id, { baseRevision: 1, kind: 'save', document });
  return id;
}

async function main(): Promise<void> {
  const started = Date.now();
  const server = await openTestServer();
  const databaseName = uniqueDatabaseName('factdesk_bench');
  const databaseUrl = await createDatabase(server.url, databaseName);
  process.env.DATABASE_URL = databaseUrl;
  // Captures taken in this process reach the bench's own pages on this machine.
  process.env.FACTDESK_FETCH_ALLOW = '127.0.0.1';
  let app: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  let folder: string | undefined;
  try {
    say('migrating and seeding the demo data…');
    await migrateDatabase(databaseUrl);
    const accounts = await seedDemo('UTC');
    const editorAccount = accounts.find((a) => a.role === 'editor')!;
    const editor = await actorFor(editorAccount);
    const reviewerAccount = accounts.find((a) => a.role === 'reviewer')!;
    const reviewer = await actorFor(reviewerAccount);
    const [sample] = await getDb()
      .select({ id: briefs.id, slug: briefs.slug })
      .from(briefs)
      .where(eq(briefs.published, true));

    await buildIfNeeded(say);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // A fresh server with an empty page cache, as after a deployment: the bulk seeds below
    // bypass the publication events that would expire cached pages.
    const startServer = async () => {
      if (app) await stopProcess(app);
      app = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: databaseUrl,
          AUTH_SECRET: 'benchmark-secret-that-is-long-enough-0123456789',
          AUTH_TRUST_HOST: 'true',
          AUTH_URL: `${baseUrl}/api/auth`,
          FACTDESK_BASE_URL: baseUrl,
          NEXT_TELEMETRY_DISABLED: '1',
          LOG_LEVEL: 'warn',
          PORT: String(port),
          // Fetch details reaches the bench's own article page on this machine.
          FACTDESK_FETCH_ALLOW: '127.0.0.1',
        },
      });
      await waitForHttp(`${baseUrl}/login`);
    };
    await startServer();
    // Signed in when a section first needs it (not before the public page's memory is read).
    let cookie: string | undefined;
    const editorCookie = async () => {
      cookie ??= await signIn(baseUrl, editorAccount.email, editorAccount.password);
      return cookie;
    };

    /**
     * A cached page under load against a bare node:http server sending its identical bytes
     * (uncompressed, as autocannon asks for them): 3 rounds of 5 s each, in turn.
     */
    const cachedPageLoad = async (pageUrl: string, label: string) => {
      for (let i = 0; i < 20; i += 1) await timed(pageUrl);
      const answer = await fetch(pageUrl, { headers: { 'accept-encoding': 'identity' } });
      folder ??= mkdtempSync(path.join(tmpdir(), 'factdesk-bench-'));
      const pageFile = path.join(folder, 'page.json');
      writeFileSync(
        pageFile,
        JSON.stringify({
          headers: Object.fromEntries(
            [...answer.headers].filter(
              ([key]) =>
                ![
                  'content-length',
                  'date',
                  'connection',
                  'keep-alive',
                  'transfer-encoding',
                ].includes(key),
            ),
          ),
          body: Buffer.from(await answer.arrayBuffer()).toString('base64'),
        }),
      );
      const baselinePort = await freePort();
      baseline = spawn(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench/baseline-server.ts', String(baselinePort), pageFile],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await waitForHttp(`http://127.0.0.1:${baselinePort}/`);
      say(`${label} under load (3 rounds of 5 s each, app and baseline in turn)…`);
      const appRuns: Awaited<ReturnType<typeof loadTest>>[] = [];
      const bareRuns: Awaited<ReturnType<typeof loadTest>>[] = [];
      await loadTest(pageUrl, 3);
      for (let round = 0; round < 3; round += 1) {
        appRuns.push(await loadTest(pageUrl, 5));
        bareRuns.push(await loadTest(`http://127.0.0.1:${baselinePort}/`, 5));
      }
      await stopProcess(baseline);
      baseline = undefined;
      return {
        appRps: median(appRuns.map((r) => r.requestsPerSecond)),
        bareRps: median(bareRuns.map((r) => r.requestsPerSecond)),
        appP99: median(appRuns.map((r) => r.p99)),
        bareP99: median(bareRuns.map((r) => r.p99)),
      };
    };

    if (wanted('public-page')) {
      // Public page: cached brief page vs a bare node:http server sending the identical bytes.
      const load = await cachedPageLoad(`${baseUrl}/briefs/${sample!.slug}`, 'public page');
      row({
        name: 'public page: throughput (cached, 50 connections)',
        value: load.appRps,
        unit: 'req/s',
        baseline: load.bareRps,
        ratio: load.appRps / load.bareRps,
        target: '≥ 0.25× baseline',
        met: load.appRps / load.bareRps >= 0.25,
      });
      row({
        name: 'public page: p99 latency (50 connections)',
        value: load.appP99,
        unit: 'ms',
        baseline: load.bareP99,
        target: '≤ 50 ms',
        met: load.appP99 <= 50,
      });
      row({
        name: 'memory: server RSS after the public-page run',
        value: residentMiB(app!.pid!, WORKER),
        unit: 'MiB',
        baseline: null,
        target: null,
      });
    }

    if (wanted('claim-page')) {
      // A brief as rich as readers get: a claim review and 50 citations (50 cards), published
      // through review like any other.
      // 50 paragraphs of 100 words, one citation each: every source cited.
      const cited = benchDocument({
        words: 5_000,
        citations: 50,
        sources: 50,
        question: 'Did the benchmark claim about fifty sources hold up?',
      });
      const document = {
        ...cited,
        // Every paragraph cites, as the checks before review ask: the summary too.
        summary: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Fifty sources, read one by one. ' },
                {
                  type: 'citation',
                  attrs: { citationId: 'bench-summary-cite', sourceId: cited.sources[0]!.id },
                },
              ],
            },
          ],
        },
        claimReview: {
          claim: 'Fifty sources all say the same thing about the benchmark.',
          claimant: 'A widely shared post',
          claimDate: '2026-11-02',
          appearances: ['https://social.example/posts/1', 'https://video.example/watch/2'],
          verdict: 'Mostly false',
        },
      };
      const id = await benchBrief(editor, document);
      await submitForReview(editor, id);
      await approveBrief(reviewer, id, {
        versionNumber: 2,
        verifiedSourceIds: document.sources.map((source) => source.id),
      });
      await publishBrief(reviewer, id, { versionNumber: 2 });
      const [published] = await getDb()
        .select({ slug: briefs.slug })
        .from(briefs)
        .where(eq(briefs.id, id));
      const pageUrl = `${baseUrl}/briefs/${published!.slug}`;
      const page = await (await fetch(pageUrl)).text();
      const cards = page.match(/ popover=/g)?.length ?? 0;
      if (!page.includes('"ClaimReview"') || cards < 50) {
        throw new Error(`The claim page has no ClaimReview or ${cards} cards instead of 50.`);
      }
      const load = await cachedPageLoad(pageUrl, 'brief page with a claim review and 50 cards');
      row({
        name: 'claim page: throughput (claim review, 50 citation cards, cached, 50 connections)',
        value: load.appRps,
        unit: 'req/s',
        baseline: load.bareRps,
        ratio: load.appRps / load.bareRps,
        target: '≥ 0.25× baseline',
        met: load.appRps / load.bareRps >= 0.25,
      });
      row({
        name: 'claim page: p99 latency (50 connections)',
        value: load.appP99,
        unit: 'ms',
        baseline: load.bareP99,
        target: null,
      });
    }

    if (wanted('desk')) {
      say('the newsroom list /desk/briefs with 1,000 briefs…');
      // As autovacuum would have by then: visibility map and statistics, after the bulk insert.
      const seedDesk = async (from: number, count: number) => {
        await seedDeskBriefs({
          templateBriefId: sample!.id,
          authorIds: [editor.id, reviewer.id],
          reviewerId: reviewer.id,
          from,
          count,
        });
        await getDb().$client`vacuum analyze briefs`;
      };
      await seedDesk(1, 1_000);
      const cookie = await editorCookie();
      // The first page of All, and a filtered, searched page: a tab, a subject (one brief in 40
      // asks about it) and an author.
      const deskPages = async () => {
        const first: number[] = [];
        const searched: number[] = [];
        for (let i = 0; i < 35; i += 1) {
          const topic = benchTopics[i % benchTopics.length]!;
          const firstTook = await timed(`${baseUrl}/desk/briefs`, { headers: { cookie } });
          const searchedTook = await timed(
            `${baseUrl}/desk/briefs?tab=drafts&q=${encodeURIComponent(topic)}&author=${editor.id}`,
            { headers: { cookie } },
          );
          if (i < 5) continue;
          first.push(firstTook);
          searched.push(searchedTook);
        }
        return { first: median(first), searched: median(searched) };
      };
      const small = await deskPages();
      say('bulk-adding 99,000 more briefs…');
      await seedDesk(1_001, 99_000);
      const large = await deskPages();
      for (const [key, name] of [
        ['first', '/desk/briefs first page, 100,000 briefs'],
        ['searched', '/desk/briefs tab, search and author filter, 100,000 briefs'],
      ] as const) {
        row({
          name,
          value: large[key],
          unit: 'ms',
          baseline: small[key],
          ratio: large[key] / small[key],
          target: '≤ 1.5× (1,000 briefs) and ≤ 100 ms',
          met: large[key] / small[key] <= 1.5 && large[key] <= 100,
        });
      }
    }

    if (wanted('lists')) {
      say('first render after publication, and lists with 100 published briefs…');
      await seedPublishedBriefs(sample!.id, 1, 99);
      await getDb().$client`vacuum analyze briefs`;
      const firstRenders: number[] = [];
      for (let n = 1; n <= 15; n += 1)
        firstRenders.push(await timed(`${baseUrl}/briefs/bench-${n}`));
      row({
        name: 'public page: first render (cache miss)',
        value: median(firstRenders),
        unit: 'ms',
        p95: percentile(firstRenders, 95),
        baseline: null,
        target: '≤ 150 ms',
        met: median(firstRenders) <= 150,
      });

      // The front page as readers get it (cached, refreshed by publication events), its first
      // request after a refresh (cache miss), its query alone, and search (never cached).
      const listAndSearch = async () => {
        await startServer();
        // Warm the server (modules, JIT) on other pages, so that the first front page measures
        // the cache miss, not the cold start.
        for (let i = 0; i < 10; i += 1) {
          await timed(`${baseUrl}/login`);
          await timed(`${baseUrl}/search?q=warm`);
        }
        const firstFrontPage = await timed(`${baseUrl}/`);
        const frontPage: number[] = [];
        const query: number[] = [];
        const search: number[] = [];
        const searchAll: number[] = [];
        const searchQuery: number[] = [];
        for (let i = 0; i < 35; i += 1) {
          const took = await timed(`${baseUrl}/`);
          const start = performance.now();
          await listPublicBriefs(1);
          const queryTook = performance.now() - start;
          const topic = benchTopics[i % benchTopics.length]!;
          const searchTook = await timed(`${baseUrl}/search?q=${encodeURIComponent(topic)}`);
          const searchStart = performance.now();
          await searchPublicBriefs(topic);
          const searchQueryTook = performance.now() - searchStart;
          const allTook = await timed(`${baseUrl}/search?q=NATO`);
          if (i < 5) continue;
          frontPage.push(took);
          query.push(queryTook);
          search.push(searchTook);
          searchAll.push(allTook);
          searchQuery.push(searchQueryTook);
        }
        return {
          firstFrontPage,
          frontPage: median(frontPage),
          query: median(query),
          search: median(search),
          searchAll: median(searchAll),
          searchQuery: median(searchQuery),
        };
      };
      const small = await listAndSearch();
      say('bulk-publishing 9,900 more briefs…');
      await seedPublishedBriefs(sample!.id, 100, 9_900);
      // As autovacuum would have by then: visibility map and statistics, after the bulk insert.
      await getDb().$client`vacuum analyze briefs`;
      const large = await listAndSearch();
      const compared = (
        name: string,
        key: 'frontPage' | 'firstFrontPage' | 'query' | 'search' | 'searchQuery' | 'searchAll',
        target: boolean,
      ) =>
        row({
          name,
          value: large[key],
          unit: 'ms',
          baseline: small[key],
          ratio: large[key] / small[key],
          target: target ? '≤ 1.5× (100 published)' : null,
          met: target ? large[key] / small[key] <= 1.5 : null,
        });
      compared('front page /, 10,000 published (cached)', 'frontPage', true);
      compared('search /search?q=<subject>, 10,000 published (1 in 40 match)', 'search', true);
      compared(
        'front page /, first request after a publication (one sample)',
        'firstFrontPage',
        false,
      );
      compared('front page list query alone, 10,000 published (uncached)', 'query', false);
      compared('search query alone, 1 in 40 match (uncached)', 'searchQuery', false);
      compared('search /search?q=NATO, every brief matches', 'searchAll', false);

      say('server memory under sustained search load (60 s, 50 connections, a new query each)…');
      const beforeLoad = residentMiB(app!.pid!, WORKER);
      const searches = await searchLoad(baseUrl, 60);
      const afterLoad = residentMiB(app!.pid!, WORKER);
      say(`${searches} searches answered`);
      row({
        name: 'memory: server RSS after the search load',
        value: afterLoad,
        unit: 'MiB',
        baseline: beforeLoad,
        ratio: afterLoad / beforeLoad,
        target: '≤ 300 MiB',
        met: afterLoad <= 300,
      });
      // The worker (jobs, captures), a process of its own beside the web server (scripts/worker.ts):
      // idle here, its memory is what it costs to have one.
      const [worker] = childrenMatching(app!.pid!, WORKER);
      row({
        name: 'memory: worker RSS (jobs and captures, beside the server, idle)',
        value: worker ? residentMiB(worker) : Number.NaN,
        unit: 'MiB',
        baseline: null,
        target: null,
      });
    }
    // The rows below start from a server as fresh as before the load.
    if (wanted('public-page') || wanted('lists')) await startServer();

    /** The briefs of the save section, which the history page is measured with too. */
    let histories: { short: string; long: string } | undefined;
    if (wanted('save')) {
      say('saving a 5,000-word brief with 50 sources: 10 versions vs 10,000…');
      const saveDocument = benchDocument({ words: 5_000, citations: 50, sources: 50 });
      const shortHistory = await benchBrief(editor, saveDocument);
      const longHistory = await benchBrief(editor, saveDocument);
      await seedVersions(shortHistory, 10);
      await seedVersions(longHistory, 10_000);
      await getDb().$client`vacuum analyze brief_versions`;
      histories = { short: shortHistory, long: longHistory };
      const cookie = await editorCookie();
      const revisions = new Map([
        [shortHistory, 10],
        [longHistory, 10_000],
      ]);
      const saves = new Map<string, number[]>([
        [shortHistory, []],
        [longHistory, []],
      ]);
      for (let round = 0; round < 45; round += 1) {
        for (const id of [shortHistory, longHistory]) {
          const start = performance.now();
          const response = await fetch(`${baseUrl}/api/briefs/${id}/save`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, origin: baseUrl },
            body: JSON.stringify({
              baseRevision: revisions.get(id),
              kind: 'save',
              document: revised(saveDocument, round),
            }),
          });
          const saved = (await response.json()) as { head: { revision: number } };
          if (!response.ok) throw new Error(`Save answered ${response.status}.`);
          if (round >= 5) saves.get(id)!.push(performance.now() - start);
          revisions.set(id, saved.head.revision);
        }
      }
      const short = saves.get(shortHistory)!;
      const long = saves.get(longHistory)!;
      row({
        name: 'save: 5,000 words, 50 sources, 10,000 versions (p50)',
        value: median(long),
        unit: 'ms',
        baseline: median(short),
        ratio: median(long) / median(short),
        target: null,
      });
      row({
        name: 'save: 5,000 words, 50 sources, 10,000 versions (p95)',
        value: percentile(long, 95),
        unit: 'ms',
        baseline: percentile(short, 95),
        ratio: percentile(long, 95) / percentile(short, 95),
        target: '≤ 100 ms and ≤ 1.2× (10 versions)',
        met: percentile(long, 95) <= 100 && percentile(long, 95) / percentile(short, 95) <= 1.2,
      });
    }

    if (wanted('fetch-details')) {
      say('Fetch details of a local article page…');
      const details = await sourceDetailsTimings(baseUrl, await editorCookie(), 30);
      row({
        name: 'Fetch details: a 60 KB article page on this machine',
        value: median(details),
        unit: 'ms',
        p95: percentile(details, 95),
        baseline: null,
        target: null,
      });
    }

    if (wanted('captures')) {
      say('capturing a 1 MB page on this machine…');
      const captures = await captureTimings(20);
      row({
        name: 'capture of a 1 MB page (fetch, hash, compress, readable text)',
        value: median(captures),
        unit: 'ms',
        p95: percentile(captures, 95),
        baseline: null,
        target: null,
      });

      say('the review screen of a brief with 50 captured sources, and without captures…');
      const review = await reviewScreenTimings({
        baseUrl,
        editor,
        reviewerCookie: await signIn(baseUrl, reviewerAccount.email, reviewerAccount.password),
        rounds: 20,
      });
      const reviewRatio = median(review.captured) / median(review.uncaptured);
      row({
        name: 'review screen, 50 cited sources captured (first render)',
        value: median(review.captured),
        unit: 'ms',
        baseline: median(review.uncaptured),
        ratio: reviewRatio,
        target: '≤ 1.5× (no captures)',
        met: reviewRatio <= 1.5,
      });
    }

    if (histories) {
      say('opening the history: 10 versions vs 10,000…');
      const { short: shortHistory, long: longHistory } = histories;
      const cookie = await editorCookie();
      const history = new Map<string, number[]>([
        [shortHistory, []],
        [longHistory, []],
      ]);
      for (let round = 0; round < 23; round += 1) {
        for (const id of [shortHistory, longHistory]) {
          const took = await timed(`${baseUrl}/desk/briefs/${id}/history`, { headers: { cookie } });
          if (round >= 3) history.get(id)!.push(took);
        }
      }
      const historyRatio = median(history.get(longHistory)!) / median(history.get(shortHistory)!);
      row({
        name: 'history page, 10,000 versions',
        value: median(history.get(longHistory)!),
        unit: 'ms',
        baseline: median(history.get(shortHistory)!),
        ratio: historyRatio,
        target: '≤ 1.5× (10 versions)',
        met: historyRatio <= 1.5,
      });
    }

    if (wanted('import')) {
      say('/robots.txt while hostile texts are imported, and with nothing else running…');
      const importBrowser = await launchChromium();
      const postImport = await importPoster(importBrowser, {
        baseUrl,
        cookie: await editorCookie(),
      });
      await importBrowser.close();
      // Warms the import's worker thread, started at the first import.
      await (await postImport(hostileImports.largest)).arrayBuffer();
      const robots = await robotsDuringImports(postImport, {
        baseUrl,
        texts: Object.values(hostileImports),
        rounds: 3,
      });
      row({
        name: 'p99 of /robots.txt during a hostile import',
        value: percentile(robots.during, 99),
        unit: 'ms',
        p95: percentile(robots.during, 95),
        baseline: percentile(robots.idle, 99),
        ratio: percentile(robots.during, 99) / percentile(robots.idle, 99),
        target: '≤ 200 ms',
        met: percentile(robots.during, 99) <= 200,
      });
    }

    let chromiumVersion: string | undefined;
    if (wanted('typing')) {
      say(
        'typing in a 50,000-word body, with 500 citations and without, and with 200 comment threads…',
      );
      const cookie = await editorCookie();
      // Every run types into a brief of its own: reopening a brief another session just had open
      // is a different case (see the README).
      const documents = {
        cited: benchDocument({ words: 50_000, citations: 500, sources: 50 }),
        plain: benchDocument({ words: 50_000, citations: 0, sources: 0 }),
        small: benchDocument({ words: 1_000, citations: 10, sources: 10 }),
      };
      // `threads`: the cited body with open comment threads spread over it, each highlighted in the
      // editor; measured between the same rounds as `cited`, its baseline.
      const threadCount = 200;
      const runs = [
        ['cited', 'cited', 'inside', 0],
        ['plain', 'plain', 'inside', 0],
        ['small', 'small', 'inside', 0],
        ['afterCitation', 'cited', 'after-citation', 0],
        ['threads', 'cited', 'inside', threadCount],
      ] as const;
      const samples = () => ({
        frame: [] as number[],
        input: [] as number[],
        work: [] as number[],
      });
      const typing = {
        cited: samples(),
        plain: samples(),
        small: samples(),
        afterCitation: samples(),
        threads: samples(),
      };
      let pacedRuns = 0;
      const browser = await launchChromium();
      for (let round = 0; round < 2; round += 1) {
        // Alternate the order, so that no document always goes first.
        for (const [key, document, caret, threads] of round % 2 ? [...runs].reverse() : runs) {
          const briefId = await benchBrief(editor, documents[document]);
          // A reviewer's threads, on the brief the editor then types in.
          if (threads) await seedCommentThreads(reviewer, briefId, threads);
          const measured = await typingLatencies(browser, {
            baseUrl,
            cookie,
            briefId,
            keystrokes: 60,
            warmup: 10,
            caret,
            threads,
          });
          typing[key].frame.push(...measured.frame);
          typing[key].input.push(...measured.input.map((latency) => latency.total));
          typing[key].work.push(
            ...measured.input.map((latency) => latency.total - latency.frameWait),
          );
          if (median(measured.input.map((latency) => latency.frameWait)) > 1) pacedRuns += 1;
        }
      }
      chromiumVersion = browser.version();
      await browser.close();
      // The page's frame clock; Chromium's own input latency (its trace); and that latency less
      // the time the key waited for the next frame to begin, which is headless Chromium's frame
      // pacing and not work the keystroke caused (see the README).
      for (const [measure, label] of [
        ['frame', 'keystroke to paint'],
        ['input', 'input latency (Chromium trace)'],
        ['work', 'input latency less the wait for a frame (Chromium trace)'],
      ] as const) {
        const withCitations = summarize(typing.cited[measure]);
        const without = summarize(typing.plain[measure]);
        row({
          name: `typing: ${label}, 50,000 words + 500 citations (p95)`,
          value: withCitations.p95,
          unit: 'ms',
          baseline: without.p95,
          ratio: withCitations.p95 / without.p95,
          target: '≤ 16 ms and ≤ 1.25× (no citations)',
          met: withCitations.p95 <= 16 && withCitations.p95 / without.p95 <= 1.25,
        });
        for (const [name, key] of [
          [`typing: ${label}, right after a citation (p95)`, 'afterCitation'],
          [`typing: ${label}, 1,000 words + 10 citations (p95, reference)`, 'small'],
        ] as const) {
          row({
            name,
            value: summarize(typing[key][measure]).p95,
            unit: 'ms',
            baseline: null,
            target: null,
          });
        }
        row({
          name: `typing: ${label}, 50,000 words + 500 citations (p50)`,
          value: withCitations.p50,
          unit: 'ms',
          baseline: without.p50,
          ratio: withCitations.p50 / without.p50,
          target: null,
        });
        // The same cited body with its threads, against it without them.
        const withThreads = summarize(typing.threads[measure]);
        const threadsName = `typing: ${label}, 50,000 words + 500 citations + ${threadCount} open comment threads`;
        row({
          name: `${threadsName} (p95)`,
          value: withThreads.p95,
          unit: 'ms',
          baseline: withCitations.p95,
          ratio: withThreads.p95 / withCitations.p95,
          target: '≤ 1.25× (no threads)',
          met: withThreads.p95 / withCitations.p95 <= 1.25,
        });
        row({
          name: `${threadsName} (p50)`,
          value: withThreads.p50,
          unit: 'ms',
          baseline: withCitations.p50,
          ratio: withThreads.p50 / withCitations.p50,
          target: null,
        });
      }

      row({
        name: 'typing: runs in which Chromium held most keys for the next 60 Hz frame',
        value: pacedRuns,
        unit: `of ${2 * runs.length}`,
        baseline: null,
        target: null,
      });
    }

    if (wanted('jobs')) {
      say('scheduled publications: from their time to the public page…');
      const delays = await scheduledPublicationDelays({ editor, reviewer, baseUrl, rounds: 5 });
      row({
        name: 'scheduled publication: its time to the public page (the server’s worker)',
        value: median(delays),
        unit: 'ms',
        p95: percentile(delays, 95),
        baseline: null,
        target: '≤ 2,000 ms',
        met: median(delays) <= 2000,
      });

      // The server and its worker stop: only the workers measured take jobs.
      await stopProcess(app!);
      say('webhook deliveries through the job queue: one worker, then two…');
      const admin = await actorFor(accounts.find((a) => a.role === 'admin')!);
      const deliveries = 1000;
      await webhookJobsPerSecond({ admin, workers: 1, deliveries: 100 });
      const oneWorker = await webhookJobsPerSecond({ admin, workers: 1, deliveries });
      const twoWorkers = await webhookJobsPerSecond({ admin, workers: 2, deliveries });
      row({
        name: `jobs: webhook deliveries a second, two worker processes (${deliveries} jobs)`,
        value: twoWorkers,
        unit: 'jobs/s',
        baseline: oneWorker,
        ratio: twoWorkers / oneWorker,
        target: '≥ 100 jobs/s',
        met: twoWorkers >= 100,
      });
    }

    if (wanted('cluster')) {
      // Alone on the machine: the topology's three instances, nginx and two Postgres.
      if (app) await stopProcess(app);
      say('the scale-out topology (primary, replica, three instances, nginx)…');
      const cluster = await clusterFigures();
      const cores = cpus().length;
      row({
        name: 'cluster: cached brief page through nginx (50 connections)',
        value: cluster.throughCache,
        unit: 'req/s',
        baseline: cluster.asFile,
        ratio: cluster.throughCache / cluster.asFile,
        target: '≥ 0.8× nginx serving the same bytes as a static file',
        met: cluster.throughCache / cluster.asFile >= 0.8,
      });
      row({
        name: `cluster: front page rendered by 3 instances through nginx, on ${cores} cores (50 connections)`,
        value: cluster.throughCluster,
        unit: 'req/s',
        baseline: cluster.oneInstance,
        ratio: cluster.throughCluster / cluster.oneInstance,
        target: null,
      });
      row({
        name: 'cluster: publish-to-visible on the front page through the cache',
        value: cluster.publishToVisible.median,
        unit: 'ms',
        p95: cluster.publishToVisible.p95,
        baseline: null,
        target: '≤ 1,000 ms',
        met: cluster.publishToVisible.p95 <= 1000,
      });
    }

    const [postgres] = await getDb().$client<{ version: string }[]>`select version()`;
    const machine = {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: postgres?.version.split(' on ')[0],
      next: JSON.parse(readFileSync('node_modules/next/package.json', 'utf8')).version,
      chromium: chromiumVersion ?? 'not run',
      seconds: Math.round((Date.now() - started) / 1000),
    };
    printTable(machine);
    mkdirSync('.bench', { recursive: true });
    const results = only ? `.bench/results.${[...only].join('+')}.json` : '.bench/results.json';
    writeFileSync(
      results,
      `${JSON.stringify({ machine, ...(only && { only: [...only] }), rows }, null, 2)}\n`,
    );
    say(`written to ${results}`);
  } finally {
    baseline?.kill();
    if (app) await stopProcess(app);
    if (folder) rmSync(folder, { recursive: true, force: true });
    await getDb().$client.end({ timeout: 5 });
    await dropDatabase(server.url, databaseName);
    await server.stop();
  }
}

interface ClusterFigures {
  throughCache: number;
  asFile: number;
  throughCluster: number;
  oneInstance: number;
  publishToVisible: { median: number; p95: number };
}

/** scripts/bench/cluster.ts, in a process of its own (its own database and processes). */
function clusterFigures(): Promise<ClusterFigures> {
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'scripts/bench/cluster.ts'],
    // Its log (JSON lines on stdout) would be mixed with the report.
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0
        ? resolve(
            JSON.parse(
              output
                .split('\n')
                .find((line) => line.startsWith(REPORT_PREFIX))
                ?.slice(REPORT_PREFIX.length) ?? '',
            ) as ClusterFigures,
          )
        : reject(new Error(`The cluster benchmark exited with ${code}.`)),
    );
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const format = (value: number | null, digits = 1) =>
  value === null || Number.isNaN(value) ? '—' : value.toFixed(digits);

function printTable(machine: Record<string, unknown>): void {
  const lines = [
    '| benchmark | median | p95 | baseline | ratio | target | met |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${format(r.value)} ${r.unit} | ${r.p95 === undefined ? '—' : `${format(r.p95)} ${r.unit}`} | ${format(r.baseline)} | ${r.ratio === null ? '—' : `${format(r.ratio, 2)}×`} | ${r.target ?? '—'} | ${r.met === null ? '—' : r.met ? 'yes' : 'NO'} |`,
    ),
  ];
  console.log(`\n${lines.join('\n')}\n`);
  console.log(
    Object.entries(machine)
      .map(([key, value]) => `${key}: ${value}`)
      .join(' · '),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
