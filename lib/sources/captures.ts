import 'server-only';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { and, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { briefs, briefVersions, captureContents, sourceCaptures } from '@/db/schema';
import type { Source } from '@/lib/content/document';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { safeFetch } from '@/lib/fetching/safe-fetch';
import { archivedBriefMessage, assertId, briefNotFound } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db, transaction } from '@/lib/transaction';
import { keepQuoteCheck } from './quote-checks';
import { findQuote } from './quote-match';
import { readableText } from './readable-text';

/** What the capture of an address came to: its content, or why there is none. */
export type CaptureOutcome =
  | {
      state: 'captured';
      fetchedAt: Date;
      httpStatus: number;
      finalUrl: string;
      content: {
        sha256: string;
        mediaType: string | null;
        byteLength: number;
        compressed: Buffer;
        readableText: string | null;
      };
    }
  | {
      state: 'failed';
      fetchedAt: Date;
      httpStatus: number | null;
      finalUrl: string | null;
      failureReason: string;
      failureMessage: string;
    };

const ACCEPT = 'text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5';

/**
 * Fetches an address through the safe fetcher and keeps what it answered: the bytes with their
 * SHA-256, compressed, and the readable text. An error status is a failed capture (a 404 page is
 * not what was cited).
 */
export async function takeCapture(url: string): Promise<CaptureOutcome> {
  const answer = await safeFetch(url, { accept: ACCEPT });
  if (!answer.ok) {
    return {
      state: 'failed',
      fetchedAt: new Date(),
      httpStatus: answer.status,
      finalUrl: answer.finalUrl,
      failureReason: answer.reason,
      failureMessage: answer.message,
    };
  }
  if (answer.status >= 400) {
    const host = new URL(answer.finalUrl).host;
    return {
      state: 'failed',
      fetchedAt: answer.fetchedAt,
      httpStatus: answer.status,
      finalUrl: answer.finalUrl,
      failureReason: 'http',
      failureMessage: `${host} answered HTTP ${answer.status}: the page was not captured.`,
    };
  }
  let read: Awaited<ReturnType<typeof readableText>>;
  try {
    read = await readableText(answer.body, answer.contentType, answer.mediaType);
  } catch {
    // Kept all the same (the bytes are what was cited), without text: the card says so.
    read = null;
  }
  return {
    state: 'captured',
    fetchedAt: answer.fetchedAt,
    httpStatus: answer.status,
    finalUrl: answer.finalUrl,
    content: {
      sha256: createHash('sha256').update(answer.body).digest('hex'),
      mediaType: answer.mediaType,
      byteLength: answer.body.length,
      compressed: brotliCompressSync(answer.body, {
        params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 },
      }),
      readableText: read?.text ?? null,
    },
  };
}

/** A source's capture as the newsroom sees it (the bytes and text stay in the database). */
export interface CaptureSummary {
  id: string;
  sourceId: string;
  url: string;
  state: 'pending' | 'captured' | 'failed';
  requestedAt: Date;
  fetchedAt: Date | null;
  httpStatus: number | null;
  finalUrl: string | null;
  sha256: string | null;
  mediaType: string | null;
  byteLength: number | null;
  hasText: boolean;
  failureMessage: string | null;
}

const summaryColumns = {
  id: sourceCaptures.id,
  sourceId: sourceCaptures.sourceId,
  url: sourceCaptures.url,
  state: sourceCaptures.state,
  requestedAt: sourceCaptures.requestedAt,
  fetchedAt: sourceCaptures.fetchedAt,
  httpStatus: sourceCaptures.httpStatus,
  finalUrl: sourceCaptures.finalUrl,
  sha256: sourceCaptures.contentSha256,
  mediaType: captureContents.mediaType,
  byteLength: captureContents.byteLength,
  hasText: sql<boolean>`${captureContents.readableText} is not null`,
  failureMessage: sourceCaptures.failureMessage,
};

/**
 * The latest capture of each source of a brief (one asked for and not yet taken included).
 * Requires `briefs.view`.
 */
export async function latestCaptures(
  actor: Actor,
  briefId: string,
  /** Only captures taken (or failed): what a reviewer checks, and what an approval binds. */
  options: { finished?: boolean } = {},
): Promise<Map<string, CaptureSummary>> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  const [brief] = await db().select({ id: briefs.id }).from(briefs).where(eq(briefs.id, briefId));
  if (!brief) throw new NotFoundError(briefNotFound);
  const rows = await db()
    .selectDistinctOn([sourceCaptures.sourceId], summaryColumns)
    .from(sourceCaptures)
    .leftJoin(captureContents, eq(captureContents.sha256, sourceCaptures.contentSha256))
    .where(
      and(
        eq(sourceCaptures.briefId, briefId),
        options.finished ? ne(sourceCaptures.state, 'pending') : undefined,
      ),
    )
    .orderBy(sourceCaptures.sourceId, desc(sourceCaptures.requestedAt));
  return new Map(rows.map((row) => [row.sourceId, row]));
}

/** One capture of a brief's source, with its readable text, for the newsroom to read. */
export interface CaptureWithText extends CaptureSummary {
  readableText: string | null;
}

/**
 * A capture of one of the brief's sources, with the text read from it. Requires `briefs.view`;
 * NotFoundError when the brief has no such capture.
 */
export async function getCapture(
  actor: Actor,
  briefId: string,
  captureId: string,
): Promise<CaptureWithText> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  assertId(captureId, 'This capture does not exist.');
  const [row] = await db()
    .select({ ...summaryColumns, readableText: captureContents.readableText })
    .from(sourceCaptures)
    .leftJoin(captureContents, eq(captureContents.sha256, sourceCaptures.contentSha256))
    .where(and(eq(sourceCaptures.id, captureId), eq(sourceCaptures.briefId, briefId)));
  if (!row) throw new NotFoundError('This capture does not exist.');
  return row;
}

/**
 * Asks for a capture of every source of the brief's current text whose address has none yet
 * (a new source, or a changed URL). Requires `briefs.edit`. Returns how many were asked for.
 */
export async function requestMissingCaptures(actor: Actor, briefId: string): Promise<number> {
  assertCan(actor, 'briefs.edit');
  // Called on every save: two reads, and writes only when a source's address is new.
  return transaction(async () => {
    const sources = await currentSources(briefId);
    const latest = new Map(
      (
        await db()
          .selectDistinctOn([sourceCaptures.sourceId], {
            sourceId: sourceCaptures.sourceId,
            url: sourceCaptures.url,
          })
          .from(sourceCaptures)
          .where(eq(sourceCaptures.briefId, briefId))
          .orderBy(sourceCaptures.sourceId, desc(sourceCaptures.requestedAt))
      ).map((row) => [row.sourceId, row.url]),
    );
    // The latest capture of each source, taken or waiting, is of its address: none is missing.
    const missing = sources.filter(
      (source): source is Source & { url: string } =>
        Boolean(source.url) && latest.get(source.id) !== source.url,
    );
    await requestCaptures(actor, briefId, missing);
    return missing.length;
  });
}

/**
 * Asks for a new capture of one source's address, captured before or not (`Capture again`).
 * Requires `briefs.edit`; NotFoundError when the brief's current text has no such source with
 * an address.
 */
export async function requestCaptureAgain(
  actor: Actor,
  briefId: string,
  sourceId: string,
): Promise<void> {
  assertCan(actor, 'briefs.edit');
  await transaction(async () => {
    const source = (await currentSources(briefId)).find((s) => s.id === sourceId);
    if (!source?.url) throw new NotFoundError('This source has no address to capture.');
    // One already asked for and not yet taken is not asked for twice.
    const [waiting] = await db()
      .select({ id: sourceCaptures.id })
      .from(sourceCaptures)
      .where(
        and(
          eq(sourceCaptures.briefId, briefId),
          eq(sourceCaptures.sourceId, source.id),
          eq(sourceCaptures.url, source.url),
          eq(sourceCaptures.state, 'pending'),
        ),
      )
      .limit(1);
    if (waiting) return;
    await requestCaptures(actor, briefId, [{ id: source.id, url: source.url }]);
  });
}

/** The sources of the brief's current text (only they are read from its document). */
async function currentSources(briefId: string): Promise<Source[]> {
  assertId(briefId, briefNotFound);
  const [row] = await db()
    .select({
      sources: sql<Source[]>`${briefVersions.content}->'sources'`,
      archivedAt: briefs.archivedAt,
    })
    .from(briefs)
    .innerJoin(briefVersions, eq(briefVersions.id, briefs.headVersionId))
    .where(eq(briefs.id, briefId));
  if (!row) throw new NotFoundError(briefNotFound);
  if (row.archivedAt) throw new InvalidError(archivedBriefMessage);
  return row.sources;
}

async function requestCaptures(
  actor: Actor,
  briefId: string,
  sources: readonly { id: string; url: string }[],
): Promise<void> {
  if (sources.length === 0) return;
  await db()
    .insert(sourceCaptures)
    .values(sources.map((s) => ({ briefId, sourceId: s.id, url: s.url, requestedBy: actor.id })));
  // Delivered at commit, to the workers of every instance.
  await db().execute(sql`select pg_notify(${CAPTURES_CHANNEL}, '')`);
}

/** A capture a worker claimed and has not finished is taken again after this long. */
const CLAIM_EXPIRY = '2 minutes';
/** Tries before a capture that keeps failing to finish (its worker died) is given up. */
const MAX_ATTEMPTS = 3;

/**
 * Takes the oldest capture asked for, if any, and stores what it came to. Safe with any number
 * of workers (a claimed row is skipped by the others); a worker that dies leaves its claim to
 * expire. Operator-level: captures touch no newsroom text, only the addresses asked for.
 * Returns false when nothing was waiting.
 */
export async function takeNextCapture(): Promise<boolean> {
  await db()
    .update(sourceCaptures)
    .set({
      state: 'failed',
      fetchedAt: new Date(),
      failureReason: 'abandoned',
      failureMessage: `The capture did not finish after ${MAX_ATTEMPTS} tries.`,
    })
    .where(
      and(
        eq(sourceCaptures.state, 'pending'),
        sql`${sourceCaptures.attempts} >= ${MAX_ATTEMPTS}`,
        lt(sourceCaptures.claimedAt, sql`now() - ${CLAIM_EXPIRY}::interval`),
      ),
    );
  const claimable = db()
    .select({ id: sourceCaptures.id })
    .from(sourceCaptures)
    .where(
      and(
        eq(sourceCaptures.state, 'pending'),
        sql`${sourceCaptures.attempts} < ${MAX_ATTEMPTS}`,
        or(
          isNull(sourceCaptures.claimedAt),
          lt(sourceCaptures.claimedAt, sql`now() - ${CLAIM_EXPIRY}::interval`),
        ),
      ),
    )
    .orderBy(sourceCaptures.requestedAt)
    .limit(1)
    .for('update', { skipLocked: true });
  const [claimed] = await db()
    .update(sourceCaptures)
    .set({ claimedAt: sql`now()`, attempts: sql`${sourceCaptures.attempts} + 1` })
    .where(inArray(sourceCaptures.id, claimable))
    .returning({
      id: sourceCaptures.id,
      url: sourceCaptures.url,
      briefId: sourceCaptures.briefId,
      sourceId: sourceCaptures.sourceId,
    });
  if (!claimed) return false;
  const outcome = await takeCapture(claimed.url);
  await transaction(async (tx) => {
    if (outcome.state === 'captured') {
      await tx.insert(captureContents).values(outcome.content).onConflictDoNothing();
      await tx
        .update(sourceCaptures)
        .set({
          state: 'captured',
          fetchedAt: outcome.fetchedAt,
          httpStatus: outcome.httpStatus,
          finalUrl: outcome.finalUrl,
          contentSha256: outcome.content.sha256,
        })
        .where(eq(sourceCaptures.id, claimed.id));
      // The source's quote looked for now, while the text is at hand: the review reads the result.
      const { readableText: text, sha256 } = outcome.content;
      const quote = (await currentSources(claimed.briefId)).find(
        (source) => source.id === claimed.sourceId,
      )?.quote;
      if (text !== null && quote?.trim()) {
        await keepQuoteCheck(sha256, quote, findQuote(quote, text));
      }
    } else {
      await tx
        .update(sourceCaptures)
        .set({
          state: 'failed',
          fetchedAt: outcome.fetchedAt,
          httpStatus: outcome.httpStatus,
          finalUrl: outcome.finalUrl,
          failureReason: outcome.failureReason,
          failureMessage: outcome.failureMessage,
        })
        .where(eq(sourceCaptures.id, claimed.id));
    }
  });
  return true;
}

/** The channel on which a capture asked for is announced (at commit) to the workers. */
export const CAPTURES_CHANNEL = 'factdesk_captures';

export interface CaptureWorker {
  /** Takes what is waiting now (a notification on CAPTURES_CHANNEL calls it). */
  wake(): void;
  /** Stops taking more, and waits for the captures under way. */
  stop(): Promise<void>;
}

/**
 * Takes captures in this process (or what `take` takes: archive requests), `concurrency` at a
 * time: at once, when woken, and every `pollMs` in case a notification was missed.
 * Operator-level (scripts/worker.ts).
 */
export function startCaptureWorker(
  options: {
    concurrency?: number;
    pollMs?: number;
    onError?: (error: unknown) => void;
    take?: () => Promise<boolean>;
  } = {},
): CaptureWorker {
  const take = options.take ?? takeNextCapture;
  const concurrency = options.concurrency ?? 2;
  let running = 0;
  let stopped = false;
  const under = new Set<Promise<void>>();
  // Woken while every loop was busy: the loops look once more before they end, so that a
  // notification arriving as the last one found nothing is not lost until the next poll.
  let woken = false;
  const work = async () => {
    try {
      for (;;) {
        woken = false;
        while (!stopped && (await take()));
        if (stopped || !woken) break;
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      running -= 1;
    }
  };
  const wake = () => {
    woken = true;
    while (!stopped && running < concurrency) {
      running += 1;
      const taking = work();
      under.add(taking);
      void taking.then(() => under.delete(taking));
    }
  };
  const timer = setInterval(wake, options.pollMs ?? 15_000);
  wake();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled(under);
    },
  };
}
