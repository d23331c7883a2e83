import 'server-only';
import { count, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { briefs, corrections } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log';
import type { PublicChange } from './page-cache';
import { PUBLIC_PAGE_SIZE } from './queries';
import {
  type PublicExtent,
  type PurgeRequest,
  type PurgeTarget,
  purgePaths,
  purgeRequests,
  purgesByPath,
  surrogateKeysOf,
} from './shared-cache';

/**
 * Purges the shared HTTP cache in front of the instances (FACTDESK_PURGE_URL: nginx, Varnish, a
 * CDN) of what a publication event made stale. Called after the commit (and once the read
 * replica has replayed it: see announcePublicChange), by the process that committed (an
 * instance's action, the worker's scheduled publication), and awaited by it:
 * - every purge is sent, the brief that changed and the lists first, a failed one tried again;
 *   the caller waits 5 s at most, the rest goes on without it. It never throws (the change is
 *   committed, whatever happens here), it logs;
 * - and once more a few seconds later: a page whose rendering began before the commit and ended
 *   after the first purge would otherwise stay in the cache until it expires.
 * Instances do not hold pages of their own while a shared cache is in front, answer its refresh
 * from the primary, and let nothing rendered during a publication event be kept
 * (scripts/server.ts): nothing else can fill it again with what was true before.
 */
export async function purgeSharedCache(change: PublicChange): Promise<void> {
  const started = Date.now();
  try {
    const target = purgeTarget();
    if (!target) return;
    const paths = purgesByPath(target) ? purgePaths(change, await publicExtent(change)) : [];
    const requests = purgeRequests(target, surrogateKeysOf(change), paths);
    const sending = sendAll(requests).then((failed) => {
      log.info(
        { change, requests: requests.length, failed, ms: Date.now() - started },
        'purged the shared cache',
      );
      setTimeout(() => void sendAll(requests), SECOND_PURGE_AFTER_MS).unref();
    });
    let waited: NodeJS.Timeout | undefined;
    await Promise.race([
      sending,
      new Promise((resolve) => {
        waited = setTimeout(resolve, WAITED_FOR_MS);
      }),
    ]);
    clearTimeout(waited);
  } catch (error) {
    log.error({ change, err: error }, 'purging the shared cache failed');
  }
}

/** How long the action that made a change waits for its purge. */
const WAITED_FOR_MS = 5_000;
const SECOND_PURGE_AFTER_MS = 3_000;
const PURGE_TIMEOUT_MS = 5_000;
const PURGES_AT_ONCE = 8;

function purgeTarget(): PurgeTarget | null {
  const config = getConfig();
  if (!config.FACTDESK_PURGE_URL) return null;
  return {
    url: config.FACTDESK_PURGE_URL,
    method: config.FACTDESK_PURGE_METHOD,
    headers: config.FACTDESK_PURGE_HEADERS ?? {},
    ...(config.FACTDESK_PURGE_BODY === undefined ? {} : { body: config.FACTDESK_PURGE_BODY }),
  };
}

/**
 * What the paths of a change depend on, from the primary (the replica may not have it yet): the
 * published briefs only for every page, the lists' lengths only when the lists changed.
 */
async function publicExtent(change: PublicChange): Promise<PublicExtent> {
  const db = getDb();
  const published = sql`${briefs.published}`;
  const listsChanged = change.lists || change.slug === null;
  const none = Promise.resolve([]);
  const [slugs, [briefCount], [correctionCount]] = await Promise.all([
    change.slug === null ? db.select({ slug: briefs.slug }).from(briefs).where(published) : none,
    listsChanged ? db.select({ total: count() }).from(briefs).where(published) : none,
    listsChanged
      ? db
          .select({ total: count() })
          .from(corrections)
          .innerJoin(briefs, sql`${briefs.id} = ${corrections.briefId}`)
          .where(published)
      : none,
  ]);
  const pages = (total = 0) => Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
  return {
    publishedSlugs: slugs.flatMap((row) => (row.slug ? [row.slug] : [])),
    frontPages: pages(briefCount?.total),
    correctionPages: pages(correctionCount?.total),
  };
}

/** Sends the purges, a few at a time; the number that failed twice. */
async function sendAll(requests: PurgeRequest[]): Promise<number> {
  let failed = 0;
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const failure = (await send(request)) && (await send(request));
      if (failure) {
        failed += 1;
        log.warn(
          { url: request.url, method: request.method, failure },
          'a purge of the shared cache failed',
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PURGES_AT_ONCE, requests.length) }, lane));
  return failed;
}

/**
 * One purge: null when it worked, else why not. 404 (nothing was kept at that address) is a
 * success, and so is 410 (a cache purged by refreshing the page, nginx's way, now keeps a
 * withdrawn brief's answer). The address is the operator's own cache, from the environment, not
 * one a person typed: it does not go through the safe fetcher (lib/fetching), which refuses the
 * private addresses a cache lives at.
 */
async function send(request: PurgeRequest): Promise<string | null> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(PURGE_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.ok || response.status === 404 || response.status === 410
      ? null
      : `answered ${response.status}`;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}
