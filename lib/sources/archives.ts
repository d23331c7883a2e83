import 'server-only';
import { and, desc, eq, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '@/db/client';
import { briefs, sourceArchives } from '@/db/schema';
import { getConfig } from '@/lib/config';
import type { Source } from '@/lib/content/document';
import { NotFoundError } from '@/lib/errors';
import { safeFetch } from '@/lib/fetching/safe-fetch';
import { assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db, transaction } from '@/lib/transaction';
import { CAPTURES_CHANNEL } from './captures';

/**
 * Copies of cited pages in a web archive (FACTDESK_ARCHIVE_ENDPOINT, a Save Page Now-compatible
 * API): asked for when a brief is published, made by the capture worker, shown beside the source
 * (editor, public page). The published version itself never changes: its content hash is what
 * the reviewer approved.
 */

/** What an archive request came to. */
export type ArchiveOutcome =
  | { state: 'archived'; archiveUrl: string; archivedAt: Date }
  | { state: 'failed'; message: string };

const ANSWER_BYTES = 64 * 1024;
const saveAnswer = z.union([
  z.object({ job_id: z.string().min(1).max(200) }),
  z.object({ status: z.literal('error'), message: z.string().max(1000).optional() }),
]);
const statusAnswer = z.union([
  z.object({
    status: z.literal('success'),
    timestamp: z.string().regex(/^\d{14}$/),
    original_url: z.string().min(1),
  }),
  z.object({ status: z.literal('pending') }),
  z.object({ status: z.literal('error'), message: z.string().max(1000).optional() }),
]);

function readJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

/** A Wayback timestamp (YYYYMMDDhhmmss, UTC) as a date. */
function fromTimestamp(stamp: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp) ?? [];
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/**
 * Asks the archive at `endpoint` for a copy of `url` (POST /save, then GET /save/status/<job>
 * every `pollMs` until it answers or `deadlineMs` passes), through the safe fetcher. The copy is
 * `<endpoint>/web/<timestamp>/<original url>`, as the Wayback Machine names its copies.
 */
export async function askArchive(
  endpoint: string,
  url: string,
  options: { auth?: string; pollMs?: number; deadlineMs?: number } = {},
): Promise<ArchiveOutcome> {
  const host = new URL(endpoint).host;
  const headers: Record<string, string> = options.auth ? { authorization: options.auth } : {};
  const saved = await safeFetch(`${endpoint}/save`, {
    method: 'POST',
    accept: 'application/json',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ url }).toString(),
    maxBytes: ANSWER_BYTES,
    maxRedirects: 0,
  });
  if (!saved.ok) return { state: 'failed', message: saved.message };
  const job = saveAnswer.safeParse(readJson(saved.body));
  if (saved.status >= 400 || !job.success || !('job_id' in job.data)) {
    const said = job.success && 'message' in job.data && job.data.message;
    return {
      state: 'failed',
      message: `The archive (${host}) answered HTTP ${saved.status}${said ? `: ${said}` : ' without a job'}.`,
    };
  }
  const deadline = Date.now() + (options.deadlineMs ?? 180_000);
  const statusUrl = `${endpoint}/save/status/${encodeURIComponent(job.data.job_id)}`;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 5000));
    const asked = await safeFetch(statusUrl, {
      accept: 'application/json',
      headers,
      maxBytes: ANSWER_BYTES,
      maxRedirects: 0,
    });
    const status =
      asked.ok && asked.status < 400 ? statusAnswer.safeParse(readJson(asked.body)) : null;
    if (status?.success && status.data.status === 'success') {
      const { timestamp, original_url } = status.data;
      return {
        state: 'archived',
        archiveUrl: `${endpoint}/web/${timestamp}/${original_url}`,
        archivedAt: fromTimestamp(timestamp),
      };
    }
    if (status?.success && status.data.status === 'error') {
      return {
        state: 'failed',
        message: `The archive (${host}) could not copy the page${status.data.message ? `: ${status.data.message}` : '.'}`,
      };
    }
    // Pending, or an answer it may mend (busy, a slow reply): asked again until the deadline.
    if (Date.now() >= deadline) {
      return {
        state: 'failed',
        message: `The archive (${host}) had not made its copy after ${Math.ceil((options.deadlineMs ?? 180_000) / 1000)} s.`,
      };
    }
  }
}

/**
 * Asks for an archived copy of each of `sources` (a version being published: its cited sources)
 * whose address has no archive URL of its own and no copy made or under way, when an archive is
 * configured. A step inside publishing's transaction: the worker hears of it at commit, and
 * publishing never waits for the archive. Returns how many were asked for.
 */
export async function requestArchives(
  tx: Transaction,
  input: { briefId: string; requestedBy: string; sources: readonly Source[] },
): Promise<number> {
  if (!getConfig().FACTDESK_ARCHIVE_ENDPOINT) return 0;
  const wanted = input.sources.filter((s) => s.url && !s.archiveUrl);
  if (wanted.length === 0) return 0;
  const held = await tx
    .select({ sourceId: sourceArchives.sourceId, url: sourceArchives.url })
    .from(sourceArchives)
    .where(
      and(eq(sourceArchives.briefId, input.briefId), notInArray(sourceArchives.state, ['failed'])),
    );
  const missing = wanted.filter(
    (s) => !held.some((row) => row.sourceId === s.id && row.url === s.url),
  );
  if (missing.length === 0) return 0;
  await tx.insert(sourceArchives).values(
    missing.map((s) => ({
      briefId: input.briefId,
      sourceId: s.id,
      url: s.url,
      requestedBy: input.requestedBy,
    })),
  );
  await tx.execute(sql`select pg_notify(${CAPTURES_CHANNEL}, '')`);
  return missing.length;
}

/** A source's latest archive request as the newsroom sees it. */
export interface ArchiveSummary {
  sourceId: string;
  url: string;
  state: 'pending' | 'archived' | 'failed';
  requestedAt: Date;
  archiveUrl: string | null;
  archivedAt: Date | null;
  failureMessage: string | null;
}

/**
 * The latest archive request of each source of a brief (for the source cards and the list of
 * failures). Requires `briefs.view`.
 */
export async function latestArchives(
  actor: Actor,
  briefId: string,
): Promise<Map<string, ArchiveSummary>> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  const [brief] = await db().select({ id: briefs.id }).from(briefs).where(eq(briefs.id, briefId));
  if (!brief) throw new NotFoundError(briefNotFound);
  const rows = await db()
    .selectDistinctOn([sourceArchives.sourceId], {
      sourceId: sourceArchives.sourceId,
      url: sourceArchives.url,
      state: sourceArchives.state,
      requestedAt: sourceArchives.requestedAt,
      archiveUrl: sourceArchives.archiveUrl,
      archivedAt: sourceArchives.archivedAt,
      failureMessage: sourceArchives.failureMessage,
    })
    .from(sourceArchives)
    .where(eq(sourceArchives.briefId, briefId))
    .orderBy(sourceArchives.sourceId, desc(sourceArchives.requestedAt));
  return new Map(rows.map((row) => [row.sourceId, row]));
}

/** An archive request a worker claimed and has not finished is taken again after this long. */
const CLAIM_EXPIRY = '10 minutes';
const MAX_ATTEMPTS = 3;

/**
 * Takes the oldest archive request, if any, asks the archive and stores what it came to;
 * `afterArchived` runs in the transaction that stores a copy (the public page shows it: its
 * caches are told). Safe with any number of workers, as for captures. Operator-level.
 * Returns false when nothing was waiting or no archive is configured.
 */
export async function takeNextArchive(
  options: {
    pollMs?: number;
    deadlineMs?: number;
    afterArchived?: (tx: Transaction, briefId: string) => Promise<void>;
  } = {},
): Promise<boolean> {
  const { FACTDESK_ARCHIVE_ENDPOINT: endpoint, FACTDESK_ARCHIVE_AUTH: auth } = getConfig();
  if (!endpoint) return false;
  await db()
    .update(sourceArchives)
    .set({
      state: 'failed',
      finishedAt: new Date(),
      failureMessage: `The archive request did not finish after ${MAX_ATTEMPTS} tries.`,
    })
    .where(
      and(
        eq(sourceArchives.state, 'pending'),
        sql`${sourceArchives.attempts} >= ${MAX_ATTEMPTS}`,
        lt(sourceArchives.claimedAt, sql`now() - ${CLAIM_EXPIRY}::interval`),
      ),
    );
  const claimable = db()
    .select({ id: sourceArchives.id })
    .from(sourceArchives)
    .where(
      and(
        eq(sourceArchives.state, 'pending'),
        sql`${sourceArchives.attempts} < ${MAX_ATTEMPTS}`,
        or(
          isNull(sourceArchives.claimedAt),
          lt(sourceArchives.claimedAt, sql`now() - ${CLAIM_EXPIRY}::interval`),
        ),
      ),
    )
    .orderBy(sourceArchives.requestedAt)
    .limit(1)
    .for('update', { skipLocked: true });
  const [claimed] = await db()
    .update(sourceArchives)
    .set({ claimedAt: sql`now()`, attempts: sql`${sourceArchives.attempts} + 1` })
    .where(inArray(sourceArchives.id, claimable))
    .returning({ id: sourceArchives.id, briefId: sourceArchives.briefId, url: sourceArchives.url });
  if (!claimed) return false;
  const outcome = await askArchive(endpoint, claimed.url, {
    auth,
    pollMs: options.pollMs,
    deadlineMs: options.deadlineMs,
  });
  await transaction(async (tx) => {
    await tx
      .update(sourceArchives)
      .set(
        outcome.state === 'archived'
          ? {
              state: 'archived',
              finishedAt: new Date(),
              archiveUrl: outcome.archiveUrl,
              archivedAt: outcome.archivedAt,
            }
          : { state: 'failed', finishedAt: new Date(), failureMessage: outcome.message },
      )
      .where(eq(sourceArchives.id, claimed.id));
    if (outcome.state === 'archived') await options.afterArchived?.(tx, claimed.briefId);
  });
  return true;
}
