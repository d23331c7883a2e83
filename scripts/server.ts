/**
 * The production server: Next.js, with public brief pages served from memory in front of it.
 * A cached page costs a reader's request no framework work at all (Next.js spends over a
 * millisecond of CPU on any request); a page that is not cached is rendered by Next.js once
 * (its route handler, with its own tag-based cache) and kept. Publication events empty it at once
 * in this process and, through Postgres LISTEN/NOTIFY, in every other instance; a lost listening
 * connection empties it too, since events may have been missed meanwhile.
 *
 * Run by `npm start` (scripts/start.ts) and the benchmarks with PORT and DATABASE_URL set.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import next from 'next';
import postgres from 'postgres';
import {
  CLIENT_ADDRESS_HEADER,
  markClientAddressHeaderTrusted,
  resolveClientAddress,
} from '@/lib/auth/client-address';
import { getConfig } from '@/lib/config';
import {
  EVERY_PAGE,
  PUBLIC_PAGES_CHANNEL,
  PublicPageCache,
  registerLocalPageCache,
} from '@/lib/public/page-cache';
import {
  actionBodyLimit,
  checkedActionBody,
  isServerActionCall,
  refusedMethod,
} from './request-guard';

interface CachedPage {
  status: number;
  headers: [string, string][];
  body: Buffer;
  gzipped: Buffer;
}

const BRIEF_PAGE = /^\/briefs\/([a-z0-9-]{1,100})$/;
const MAX_PAGES = 5_000;
const HOP_BY_HOP = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'date',
  'keep-alive',
  'transfer-encoding',
]);
// Lets this server's own render requests through to Next.js; unknown to anyone else.
const RENDER_HEADER = 'x-factdesk-render';
const renderToken = randomUUID();

const port = getConfig().PORT;
const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();
const cache = new PublicPageCache<CachedPage>(MAX_PAGES);

async function render(slug: string): Promise<{ page: CachedPage; cacheable: boolean }> {
  const response = await fetch(`http://127.0.0.1:${port}/briefs/${slug}`, {
    headers: { [RENDER_HEADER]: renderToken, 'accept-encoding': 'identity' },
  });
  const body = Buffer.from(await response.arrayBuffer());
  const headers = [...response.headers].filter(([name]) => !HOP_BY_HOP.has(name));
  return {
    page: { status: response.status, headers, body, gzipped: gzipSync(body) },
    // Published pages and the 410 of an unpublished one; never a 404 (any slug would fill it).
    cacheable: response.status === 200 || response.status === 410,
  };
}

function send(request: IncomingMessage, response: ServerResponse, page: CachedPage): void {
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const body = gzip ? page.gzipped : page.body;
  for (const [name, value] of page.headers) response.setHeader(name, value);
  if (gzip) response.setHeader('content-encoding', 'gzip');
  response.setHeader('content-length', body.length);
  response.statusCode = page.status;
  response.end(request.method === 'HEAD' ? undefined : body);
}

function briefSlug(request: IncomingMessage): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  if (request.headers[RENDER_HEADER] === renderToken) return null;
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  return BRIEF_PAGE.exec(path)?.[1] ?? null;
}

async function main(): Promise<void> {
  await app.prepare();
  registerLocalPageCache((slug) => cache.invalidate(slug));
  const listener = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
  await listener.listen(
    PUBLIC_PAGES_CHANNEL,
    (slug) => cache.invalidate(slug === EVERY_PAGE ? null : slug),
    () => cache.invalidate(null),
  );

  const trustedProxies = getConfig().FACTDESK_TRUSTED_PROXIES;
  markClientAddressHeaderTrusted();
  const actionLimit = actionBodyLimit();
  const server = createServer((request, response) => {
    // Always overwritten, never taken from the client: sign-in throttling counts by it.
    // First, before any early return: every request that reaches Next.js must carry it.
    request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
      request.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      trustedProxies,
    );
    // 405, 411, 413 and 400 where Next.js would answer 500 (see request-guard.ts).
    if (refusedMethod(request, response)) return;
    if (isServerActionCall(request)) {
      void checkedActionBody(request, response, actionLimit).then((ok) => {
        if (ok) void handle(request, response);
      });
      return;
    }
    const slug = briefSlug(request);
    if (!slug) return void handle(request, response);
    cache
      .get(slug, () => render(slug))
      .then(
        (page) => send(request, response, page),
        (error) => {
          console.error(`[factdesk] rendering /briefs/${slug} failed:`, error);
          void handle(request, response);
        },
      );
  });
  server.listen(port, () => console.log(`[factdesk] ready on port ${port}`));

  const stop = () => {
    server.close();
    void listener.end({ timeout: 2 }).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
