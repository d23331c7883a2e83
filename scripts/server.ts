/**
 * The production server: Next.js, with the public site held in memory in front of it.
 *
 * - Brief pages, the feed and the sitemap are rendered by Next.js once and then served whole from
 *   memory: a reader's request costs no framework work at all (Next.js spends over a millisecond
 *   of CPU on any request).
 * - The front page and search are rendered by Next.js for every request (each answer needs its
 *   own CSP nonce); the front page's list data is held in memory too, search is never held.
 * - Publication events empty what they concern at once in this process and, through Postgres
 *   LISTEN/NOTIFY, in every other instance. When the listening connection comes back after a
 *   loss, everything is emptied, since events may have been missed meanwhile.
 * - While the database cannot be reached, what is held is still served; anything else answers a
 *   503 page, and everything recovers by itself when the database is back.
 * - Every answer says how a shared HTTP cache may keep it (lib/publication/shared-cache.ts).
 *   With one in front (FACTDESK_PURGE_URL set), this server holds nothing itself: the shared
 *   cache holds for every instance, and what an instance held could fill it again with what a
 *   publication just changed, in the moment between the purge and that instance's NOTIFY.
 * - With a read replica, a publication event is applied here once the replica has replayed it
 *   (a replica that lags is set aside, db/client.ts); until then public reads go to the primary,
 *   and the shared cache's refresh always does.
 *
 * Run by `npm start` (scripts/start.ts) and the benchmarks with PORT and DATABASE_URL set.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { gzipSync } from 'node:zlib';
import next from 'next';
import onHeaders from 'on-headers';
import postgres from 'postgres';
import { readingFromPrimary, replicaCaughtUp } from '@/db/client';
import {
  CLIENT_ADDRESS_HEADER,
  markClientAddressHeaderTrusted,
  resolveClientAddress,
} from '@/lib/auth/client-address';
import { getConfig } from '@/lib/config';
import { PUBLIC_PAGE_CSP, renderUnavailable } from '@/lib/publication/html-page';
import {
  EVERYTHING,
  PUBLIC_CHANGES_CHANNEL,
  type PublicChange,
  PublicSiteCache,
  parsePublicChange,
  registerLocalCache,
} from '@/lib/publication/page-cache';
import { type PublicRoute, publicRoute } from '@/lib/publication/public-routes';
import { cachePolicy, keptPolicy } from '@/lib/publication/shared-cache';
import { releaseAbortReasonStacks } from './abort-reason-stacks';
import {
  actionBodyLimit,
  checkedActionBody,
  HOP_BY_HOP,
  headersForNext,
  isServerActionCall,
  refusedBodyOnRead,
  refusedMethod,
} from './request-guard';
import { WORKER_ARGS } from './worker-args';

interface HeldPage {
  status: number;
  headers: [string, string][];
  body: Buffer;
  gzipped: Buffer;
  /** A strong validator: a reader (or a cache) that has this copy gets a 304. */
  etag: string;
}

// Lets this server's own requests through to Next.js; unknown to anyone else.
const RENDER_HEADER = 'x-factdesk-render';
const REFRESH_HEADER = 'x-factdesk-refresh';
const renderToken = randomUUID();

releaseAbortReasonStacks();
// V8 lets the heap grow to about four times what is live when memory looks plentiful: under
// sustained search load, 420 MB of heap for 100 MB live, RSS 560 MiB. Growing by a quarter at most
// keeps RSS near 280 MiB at the same throughput (README, Performance). V8 reads this at every
// garbage collection, so setting it here, once running, takes effect (--max-old-space-size would
// not, and a hard limit would end the process where this only collects sooner).
setFlagsFromString('--heap-growing-percent=25');
const port = getConfig().PORT;
const sharedCacheInFront = getConfig().FACTDESK_PURGE_URL !== undefined;
/**
 * Moves when a publication event arrives and again once it is applied; `settling` counts the
 * events waiting for the read replica (see `keepAnswer`).
 */
let publicChanges = 0;
let settling = 0;
const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();
// Bounded in bytes too: a crawler walking every brief page fills it up to 64 MiB, no further.
const site = new PublicSiteCache<HeldPage>({
  documents: {
    maxPages: 5_000,
    maxBytes: 64 * 2 ** 20,
    bytesOf: (page) => page.body.length + page.gzipped.length,
  },
  lists: { maxPages: 100 },
});
const toNext = new Agent({ keepAlive: true });
// One connection for LISTEN (postgres.js opens it apart) and for asking whether the database
// answers; it retries every half second, so that a database that comes back is noticed at once.
const control = postgres(process.env.DATABASE_URL ?? '', {
  max: 1,
  connect_timeout: 2,
  idle_timeout: 60,
  backoff: () => 0.5,
  onnotice: () => {},
});

function heldPage(status: number, headers: [string, string][], body: Buffer): HeldPage {
  return { status, headers, body, gzipped: gzipSync(body), etag: etagOf(body) };
}

const etagOf = (body: Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** Whether the request's If-None-Match names this copy. */
function hasCopy(request: IncomingMessage, etag: string): boolean {
  const asked = request.headers['if-none-match'];
  return asked !== undefined && (asked === '*' || asked.split(/\s*,\s*/).includes(etag));
}

/** Where a request stood when it arrived: see `keepAnswer`. */
interface Arrival {
  changes: number;
  settling: boolean;
}

/**
 * Says how caches may keep an answer, as its headers are written (lib's `keptPolicy`). nginx's
 * refresh (scripts/cluster/nginx.conf.template) is marked by nginx alone.
 */
function keepAnswer(request: IncomingMessage, response: ServerResponse, arrival: Arrival) {
  const policy = cachePolicy(request.method, request.url ?? '/', response.statusCode);
  if (!policy) return;
  const kept = keptPolicy(policy, {
    setsCookie: response.getHeader('set-cookie') !== undefined,
    clientNavigation: request.headers.rsc !== undefined,
    duringChange: arrival.settling || publicChanges !== arrival.changes,
    refresh: request.headers[REFRESH_HEADER] === '1',
  });
  response.setHeader('cache-control', kept.cacheControl);
  if (kept.surrogateKeys.length > 0) {
    // Fastly and Varnish's xkey read the first, Cloudflare the second.
    response.setHeader('surrogate-key', kept.surrogateKeys.join(' '));
    response.setHeader('cache-tag', kept.surrogateKeys.join(','));
  } else {
    response.removeHeader('surrogate-key');
    response.removeHeader('cache-tag');
    response.removeHeader('etag');
  }
}

const unavailable = heldPage(
  503,
  [
    ['content-type', 'text/html; charset=utf-8'],
    ['cache-control', 'no-store'],
    ['retry-after', '5'],
    ['content-security-policy', PUBLIC_PAGE_CSP],
  ],
  Buffer.from(renderUnavailable()),
);

/**
 * Whether the database answers: asked when a public page could not be rendered, and before
 * rendering one while the database is known to be down; one question at a time, its answer kept
 * for a second.
 */
class DatabaseCheck {
  private down = false;
  private checkedAt = 0;
  private pending: Promise<boolean> | null = null;

  constructor(private readonly sql: postgres.Sql) {}

  answers(): Promise<boolean> {
    if (Date.now() - this.checkedAt < 1_000) return Promise.resolve(!this.down);
    this.pending ??= this.ask().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** False only when the database is known not to answer, and still does not. */
  async mayAnswer(): Promise<boolean> {
    return !this.down || this.answers();
  }

  private async ask(): Promise<boolean> {
    const answers = await Promise.race([
      this.sql`select 1`.then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, 3_000, false)),
    ]);
    if (answers === this.down) {
      console.error(
        answers
          ? '[factdesk] the database answers again.'
          : '[factdesk] the database does not answer: public pages held in memory are still served, others answer 503.',
      );
    }
    this.down = !answers;
    this.checkedAt = Date.now();
    return answers;
  }
}

const database = new DatabaseCheck(control);

/** A whole document from Next.js, to hold: published pages and the 410 of an unpublished one. */
async function renderDocument(path: string): Promise<{ page: HeldPage; cacheable: boolean }> {
  if (!(await database.mayAnswer())) return { page: unavailable, cacheable: false };
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: { [RENDER_HEADER]: renderToken, 'accept-encoding': 'identity' },
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status >= 500 && !(await database.answers())) {
    return { page: unavailable, cacheable: false };
  }
  const headers = [...response.headers].filter(
    ([name]) => !HOP_BY_HOP.has(name) && name !== 'content-length' && name !== 'date',
  );
  // Never a 404: any slug would fill the cache.
  return {
    page: heldPage(response.status, headers, body),
    cacheable: response.status === 200 || response.status === 410,
  };
}

function send(request: IncomingMessage, response: ServerResponse, page: HeldPage): void {
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  for (const [name, value] of page.headers) response.setHeader(name, value);
  response.setHeader('etag', page.etag);
  response.setHeader('vary', 'accept-encoding');
  if (page.status === 200 && hasCopy(request, page.etag)) {
    response.statusCode = 304;
    response.end();
    return;
  }
  const body = gzip ? page.gzipped : page.body;
  if (gzip) response.setHeader('content-encoding', 'gzip');
  response.setHeader('content-length', body.length);
  response.statusCode = page.status;
  response.end(request.method === 'HEAD' ? undefined : body);
}

/**
 * Whether an answer is one the shared cache in front keeps: its body is then read whole, to
 * give it a validator.
 */
function sharedCopy(request: IncomingMessage, status: number): boolean {
  return (
    sharedCacheInFront &&
    (cachePolicy(request.method, request.url ?? '/', status)?.surrogateKeys.length ?? 0) > 0
  );
}

/**
 * Passes a request for a public page this server does not hold (the front page and search; any
 * page with a shared cache in front) to Next.js as it came, and its answer back: as it goes, or
 * whole with a validator for the shared cache. An error answer while the database does not
 * answer becomes the 503 page.
 */
function passToNext(request: IncomingMessage, response: ServerResponse): Promise<void> {
  // Without a body (only GET and HEAD come here), so without the headers that would announce one.
  const headers = headersForNext(request.headers, {
    [RENDER_HEADER]: renderToken,
    // Set by main for every request, from the connection: a client must not be able to drop it.
    [CLIENT_ADDRESS_HEADER]: String(request.headers[CLIENT_ADDRESS_HEADER]),
  });
  return new Promise((resolve, reject) => {
    const forwarded = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.url,
        headers,
        agent: toNext,
      },
      (answer) => {
        const status = answer.statusCode ?? 502;
        const pass = () => {
          const answerHeaders: string[] = [];
          for (let i = 0; i < answer.rawHeaders.length; i += 2) {
            const name = answer.rawHeaders[i]!;
            if (!HOP_BY_HOP.has(name.toLowerCase())) {
              answerHeaders.push(name, answer.rawHeaders[i + 1]!);
            }
          }
          response.statusCode = status;
          for (let i = 0; i < answerHeaders.length; i += 2) {
            response.appendHeader(answerHeaders[i]!, answerHeaders[i + 1]!);
          }
        };
        if (status < 500 && !sharedCopy(request, status)) {
          pass();
          answer.pipe(response);
          answer.on('end', resolve);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          if (status < 500) {
            // Kept by a shared cache: with a validator, so that a reader's (or the cache's)
            // revalidation costs a 304 (not for HEAD, which has no body to name).
            pass();
            const etag = request.method === 'HEAD' ? null : etagOf(body);
            if (etag) response.setHeader('etag', etag);
            if (etag && status === 200 && hasCopy(request, etag)) {
              response.statusCode = 304;
              response.removeHeader('content-length');
              response.end();
            } else response.end(body);
            return resolve();
          }
          void database.answers().then((answers) => {
            if (!answers) send(request, response, unavailable);
            else {
              pass();
              response.end(body);
            }
            resolve();
          });
        });
      },
    );
    // A reader who leaves before the answer is complete: stop rendering it (not a failure).
    let left = false;
    response.on('close', () => {
      left = !response.writableFinished;
      if (left) forwarded.destroy();
    });
    forwarded.on('error', (error) => (left ? resolve() : reject(error)));
    forwarded.end();
  });
}

async function servePublic(
  request: IncomingMessage,
  response: ServerResponse,
  route: PublicRoute,
): Promise<void> {
  if (sharedCacheInFront) {
    if (await database.mayAnswer()) await passToNext(request, response);
    else send(request, response, unavailable);
    return;
  }
  if (route.kind === 'document') {
    send(request, response, await site.documents.get(route.path, () => renderDocument(route.path)));
    return;
  }
  const held = route.kind === 'front' && site.lists.has(String(route.page));
  if (!held && !(await database.mayAnswer())) {
    send(request, response, unavailable);
    return;
  }
  await passToNext(request, response);
}

/**
 * The worker (jobs, captures), in a process of its own (lib's server modules need Node's
 * react-server condition, which this server does not run under). It stops with this server,
 * even if this one is killed (exit-with-parent), and is started again if it dies.
 */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, WORKER_ARGS, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[factdesk] the worker stopped (${signal ?? code}); starting it again`);
    setTimeout(() => {
      if (!stopping) worker = startWorkerProcess();
    }, 5_000).unref();
  });
  return child;
}
let stopping = false;
let worker: ChildProcess | undefined;

async function main(): Promise<void> {
  await app.prepare();
  if (!sharedCacheInFront) registerLocalCache(site);
  // Applied once the replica has replayed the change (at once without one): a page rendered
  // meanwhile would otherwise be held, or kept by the shared cache, from the replica's past.
  const applyChange = (change: PublicChange) => {
    publicChanges += 1;
    settling += 1;
    void replicaCaughtUp().finally(() => {
      site.apply(change);
      publicChanges += 1;
      settling -= 1;
    });
  };
  await control.listen(
    PUBLIC_CHANGES_CHANNEL,
    (payload) => applyChange(parsePublicChange(payload)),
    () => applyChange(EVERYTHING),
  );

  const trustedProxies = getConfig().FACTDESK_TRUSTED_PROXIES;
  markClientAddressHeaderTrusted();
  const actionLimit = actionBodyLimit();
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    // Always overwritten, never taken from the client: sign-in throttling counts by it.
    // First, before any early return: every request that reaches Next.js must carry it.
    request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      trustedProxies,
    );
    // 405, 411, 413 and 400 where Next.js would answer 500 (see request-guard.ts).
    if (refusedMethod(request, response)) return;
    // 400 to a GET or HEAD with a body, before any routing: see headersForNext.
    if (refusedBodyOnRead(request, response)) return;
    if (isServerActionCall(request)) {
      void checkedActionBody(request, response, actionLimit).then((ok) => {
        if (ok) void handle(request, response);
      });
      return;
    }
    const route =
      request.headers[RENDER_HEADER] === renderToken
        ? null
        : publicRoute(request.method, request.url);
    if (!route) return void handle(request, response);
    servePublic(request, response, route).catch((error) => {
      console.error(`[factdesk] serving ${request.url} failed:`, error);
      if (!response.headersSent) void handle(request, response);
      else response.destroy();
    });
  };
  const server = createServer((request, response) => {
    const arrival = { changes: publicChanges, settling: settling > 0 };
    onHeaders(response, () => keepAnswer(request, response, arrival));
    // The shared cache's refresh (marked by nginx alone) reads the primary, and so does every
    // request while a publication event waits for the replica to replay it.
    if (request.headers[REFRESH_HEADER] === '1' || settling > 0) {
      readingFromPrimary(() => answer(request, response));
    } else answer(request, response);
  });
  // A port taken meanwhile (or refused): exit, so that the launcher sees it, rather than stay
  // up without listening.
  server.on('error', (error) => {
    console.error(`[factdesk] cannot listen on port ${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, () => console.log(`[factdesk] ready on port ${port}`));
  // FACTDESK_JOBS=off: this instance serves only; workers run elsewhere (`npm run worker`).
  if (getConfig().FACTDESK_JOBS === 'on') worker = startWorkerProcess();

  const stop = () => {
    stopping = true;
    worker?.kill('SIGTERM');
    server.close();
    toNext.destroy();
    void control.end({ timeout: 2 }).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
