import 'server-only';
import { eq } from 'drizzle-orm';
// biome-ignore lint/style/noRestrictedImports: the per-host lock is a session lock, held on a connection of its own for a whole run (whileHoldingHost); every query goes through db().
import { getDb } from '@/db/client';
import { briefs, briefVersions, captureContents, sourceCaptures, sourceChecks } from '@/db/schema';
import { getConfig } from '@/lib/config';
import type { BriefDocument } from '@/lib/content/document';
import { numberedSources } from '@/lib/content/numbered-sources';
import { safeFetch } from '@/lib/fetching/safe-fetch';
import { sendJob } from '@/lib/jobs/queue';
import { log } from '@/lib/log';
import { briefLabel, briefReviewerIds, notify } from '@/lib/notifications/notify';
import { announceBriefPageChanged } from '@/lib/publication/page-events';
import { type CaptureOutcome, takeCapture } from '@/lib/sources/captures';
import { keepQuoteCheck } from '@/lib/sources/quote-checks';
import { findQuote } from '@/lib/sources/quote-match';
import { transaction } from '@/lib/transaction';
import {
  approvedContentSha,
  latestApprovalOf,
  latestCaptureSha,
  latestChecks,
  latestSettledCheck,
  readableTexts,
  type WatchedSourceRow,
  watchedSources,
} from './check-store';
import {
  classifyCheck,
  entersAttention,
  FAILURES_BEFORE_UNREACHABLE,
  type FetchedPage,
  hostOf,
  isSettled,
  statusLabels,
} from './classify';
import { type RobotsRules, robotsUrlOf, rulesOfAnswer } from './robots';
import { checkPeriodMs, isCheckDue } from './schedule';

/**
 * The source checks after publication, as jobs (scripts/worker.ts runs them; operator-level:
 * no actor). Every ten minutes `sendDueSourceChecks` finds the sources due (schedule.ts) and
 * sends one job per host; `checkSourcesOfHost` checks that host's due sources one after another,
 * politely: under a lock per host (one request to a host at a time, however many workers and
 * jobs), the robots.txt of each origin (an http and an https address of one host are two) read
 * once per run and obeyed (robots.ts: one that cannot be read refuses everything), a pause
 * between requests (longer if the site asks for one), the fetcher's descriptive User-Agent. Each check is classified (classify.ts)
 * and stored; a source that enters attention (gone, changed, quote missing) is told to the
 * brief's reviewers once; a source that becomes or stops being gone changes its public link
 * (the archived copy first), which is announced to the public pages' caches.
 *
 * When a page changed or lost its quote, what was found is kept as the source's newest capture
 * (with its quote check), as a capture the newsroom asked for would be: the re-check screen then
 * shows the page as it is now, and a re-check binds that capture, against which later checks
 * compare.
 */

/** The pause between two requests to one host (robots.txt's Crawl-delay, when longer, wins). */
export const PAUSE_BETWEEN_REQUESTS_MS = 2000;
/** A run takes no more sources after this long: the job may run an hour, the rest stays due. */
const RUN_BUDGET_MS = 40 * 60 * 1000;
/** The first key of the per-host advisory locks (any fixed number: it names this use). */
const HOST_LOCK_CLASS = 0x4d6f6e69;
/** The largest robots.txt read. */
const ROBOTS_MAX_BYTES = 512 * 1024;

/** Every ten minutes (the `check-sources-due` schedule): one job per host with sources due. */
export async function sendDueSourceChecks(): Promise<void> {
  await sendSourceChecksDueAt(new Date());
}

/** Sends a `check-sources-of-host` job for each host with a source due at `now`; returns the hosts. */
export async function sendSourceChecksDueAt(now: Date): Promise<string[]> {
  const period = checkPeriodMs(getConfig().FACTDESK_SOURCE_CHECK_HOURS);
  const due = (await watchedSources()).filter((source) => isCheckDue(source, now, period));
  const hosts = [...new Set(due.map((source) => hostOf(source.url)))].sort();
  await transaction(async () => {
    // At most one job waits per host (its singleton key): a sweep finding it due again adds none.
    for (const host of hosts) {
      await sendJob('check-sources-of-host', { host }, { singletonKey: host });
    }
  });
  return hosts;
}

export interface CheckRunOptions {
  /** The clock checks are dated and found due by (tests pass a fake one). */
  now?: () => Date;
  /** The pause between two requests to the host (tests pass 0). */
  pauseMs?: number;
}

/**
 * Checks the sources of one host that are due now, one after another. Idempotent: it reads
 * what is due when it runs (a source checked meanwhile is no longer due), and a second run for
 * the same host while one runs does nothing. A source whose check fails (an error of ours or the
 * database's, not the site's: that is a finding) is logged and the run goes on to the next; the
 * run then fails, so that the queue tries it again, for those alone (the others are not due).
 */
export async function checkSourcesOfHost(
  data: { host: string },
  options: CheckRunOptions = {},
): Promise<void> {
  const clock = options.now ?? (() => new Date());
  const pauseMs = options.pauseMs ?? PAUSE_BETWEEN_REQUESTS_MS;
  await whileHoldingHost(data.host, async () => {
    const period = checkPeriodMs(getConfig().FACTDESK_SOURCE_CHECK_HOURS);
    const due = (await watchedSources(data.host)).filter((source) =>
      isCheckDue(source, clock(), period),
    );
    const started = performance.now();
    const documents = new Map<string, BriefDocument>();
    // The rules of each origin of the host, by its robots.txt's address: read once a run.
    const robotsOfOrigin = new Map<string, RobotsRules>();
    // Every request but the run's first waits its turn: the longest pause any origin asked for.
    let delayMs = pauseMs;
    let requested = false;
    const politely = async () => {
      if (requested) await pause(delayMs);
      requested = true;
    };
    let failed = 0;
    for (const source of due) {
      if (performance.now() - started > RUN_BUDGET_MS) break;
      try {
        const robotsUrl = robotsUrlOf(source.url);
        let robots = robotsOfOrigin.get(robotsUrl);
        if (!robots) {
          await politely();
          robots = await readRobots(robotsUrl);
          robotsOfOrigin.set(robotsUrl, robots);
          delayMs = Math.max(delayMs, robots.crawlDelayMs);
        }
        const refusal = robots.refusal(source.url);
        if (refusal === null) await politely();
        await checkSource(source, refusal, clock, documents);
      } catch (error) {
        failed += 1;
        log.error(
          { err: error, host: data.host, briefId: source.briefId, sourceId: source.sourceId },
          'a source check failed; the run goes on to the next source',
        );
      }
    }
    if (failed > 0) {
      throw new Error(
        `${failed} of ${due.length} sources of ${data.host} could not be checked (the log says why); they stay due.`,
      );
    }
  });
}

/**
 * Runs `work` holding the host's lock: a session advisory lock, on a connection of its own for
 * the whole run (a transaction held open that long would hold a snapshot); a worker killed
 * mid-run drops its connection, and with it the lock. Does nothing when another run holds it.
 */
async function whileHoldingHost(host: string, work: () => Promise<void>): Promise<void> {
  const connection = await getDb().$client.reserve();
  try {
    const [row] = await connection<{ locked: boolean }[]>`
      select pg_try_advisory_lock(${HOST_LOCK_CLASS}, hashtext(${host})) as locked`;
    if (!row?.locked) return;
    try {
      await work();
    } finally {
      await connection`select pg_advisory_unlock(${HOST_LOCK_CLASS}, hashtext(${host}))`;
    }
  } finally {
    connection.release();
  }
}

const pause = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

/** The rules of the robots.txt at `robotsUrl`, from what asking for it came to (robots.ts). */
async function readRobots(robotsUrl: string): Promise<RobotsRules> {
  const answer = await safeFetch(robotsUrl, { accept: 'text/plain', maxBytes: ROBOTS_MAX_BYTES });
  return rulesOfAnswer(
    robotsUrl,
    answer.ok
      ? { kind: 'answered', status: answer.status, text: answer.body.toString('utf8') }
      : { kind: 'failed', message: answer.message },
  );
}

function fetchedPage(outcome: CaptureOutcome): FetchedPage {
  return outcome.state === 'captured'
    ? {
        kind: 'answered',
        httpStatus: outcome.httpStatus,
        finalUrl: outcome.finalUrl,
        sha256: outcome.content.sha256,
        text: outcome.content.readableText,
      }
    : {
        kind: 'failed',
        reason: outcome.failureReason,
        message: outcome.failureMessage,
        httpStatus: outcome.httpStatus,
        finalUrl: outcome.finalUrl,
      };
}

/**
 * Fetches one source, unless its robots.txt refuses it (`refusal` says why), and stores what the
 * check found.
 */
async function checkSource(
  source: WatchedSourceRow,
  refusal: string | null,
  clock: () => Date,
  documents: Map<string, BriefDocument>,
): Promise<void> {
  const fetched: CaptureOutcome | { refused: string } =
    refusal === null ? await takeCapture(source.url) : { refused: refusal };
  const checkedAt = clock();
  await transaction(async (tx) => {
    // Still what the public page cites? It may have been unpublished, or published anew.
    const [brief] = await tx
      .select({ published: briefs.published, versionId: briefs.publishedVersionId })
      .from(briefs)
      .where(eq(briefs.id, source.briefId));
    if (!brief?.published || !brief.versionId) return;
    let document = documents.get(brief.versionId);
    if (!document) {
      const [version] = await tx
        .select({ content: briefVersions.content })
        .from(briefVersions)
        .where(eq(briefVersions.id, brief.versionId));
      if (!version) return;
      document = version.content;
      documents.set(brief.versionId, document);
    }
    const cited = document.sources.find((s) => s.id === source.sourceId);
    if (cited?.url !== source.url) return;

    const approvedSha = await approvedContentSha(
      source,
      await latestApprovalOf(source.briefId, brief.versionId),
    );
    const previous = await latestSettledCheck(source);
    const base = { briefId: source.briefId, sourceId: source.sourceId, url: source.url, checkedAt };
    if ('refused' in fetched) {
      await tx.insert(sourceChecks).values({
        ...base,
        status: 'skipped',
        message: fetched.refused,
        approvedSha256: approvedSha,
      });
      return;
    }
    const outcome = fetched;
    // Failures in a row before this check: an unreachable source stays so at its next failure.
    const recent = await latestChecks(source, FAILURES_BEFORE_UNREACHABLE);
    const retries = recent.findIndex((check) => check.status !== 'retrying');
    const failuresBefore =
      recent[0]?.status === 'unreachable'
        ? FAILURES_BEFORE_UNREACHABLE
        : retries === -1
          ? recent.length
          : retries;
    const page = fetchedPage(outcome);
    const approvedText = approvedSha
      ? ((await readableTexts([approvedSha])).get(approvedSha) ?? null)
      : null;
    const result = classifyCheck({
      url: source.url,
      page,
      approved: approvedSha ? { sha256: approvedSha, text: approvedText } : null,
      quote: cited.quote,
      failuresBefore,
    });
    const keepsContent =
      outcome.state === 'captured' &&
      (result.status === 'changed' || result.status === 'quote_missing');
    if (keepsContent) await keepFoundContent(source, outcome, cited.quote);
    const foundSha = page.kind === 'answered' ? page.sha256 : null;
    await tx.insert(sourceChecks).values({
      ...base,
      status: result.status,
      httpStatus: page.httpStatus,
      finalUrl: page.finalUrl,
      message: result.message,
      approvedSha256: approvedSha,
      // Kept when it differs (for the diff), or already kept as the approved capture.
      contentSha256: keepsContent || (foundSha && foundSha === approvedSha) ? foundSha : null,
    });
    if (entersAttention(previous, { status: result.status, approvedSha256: approvedSha })) {
      const number = numberedSources(document).numbers.get(source.sourceId) ?? '?';
      await notify({
        kind: 'source_attention',
        briefId: source.briefId,
        message: `Source [${number}] of ${briefLabel(document.question)} needs attention (${statusLabels[result.status]}): ${result.message}`,
        recipientIds: await briefReviewerIds(source.briefId),
      });
    }
    if (isSettled(result.status) && (previous?.status === 'gone') !== (result.status === 'gone')) {
      await announceBriefPageChanged(tx, source.briefId);
    }
  });
}

/**
 * Keeps what a check found as the source's newest capture (unless it is already the newest),
 * with its quote looked for, as the capture worker does.
 */
async function keepFoundContent(
  source: WatchedSourceRow,
  outcome: Extract<CaptureOutcome, { state: 'captured' }>,
  quote: string,
): Promise<void> {
  await transaction(async (tx) => {
    await tx.insert(captureContents).values(outcome.content).onConflictDoNothing();
    if ((await latestCaptureSha(source)) === outcome.content.sha256) return;
    await tx.insert(sourceCaptures).values({
      briefId: source.briefId,
      sourceId: source.sourceId,
      url: source.url,
      state: 'captured',
      attempts: 1,
      fetchedAt: outcome.fetchedAt,
      httpStatus: outcome.httpStatus,
      finalUrl: outcome.finalUrl,
      contentSha256: outcome.content.sha256,
    });
    const text = outcome.content.readableText;
    if (text !== null && quote.trim()) {
      await keepQuoteCheck(outcome.content.sha256, quote, findQuote(quote, text));
    }
  });
}
