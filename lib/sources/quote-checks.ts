import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, inArray, or } from 'drizzle-orm';
import { captureContents, quoteChecks } from '@/db/schema';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import { findQuote, normalizeForQuote, type QuoteMatch } from './quote-match';

/** A quote to look for in a captured content. */
export interface QuoteInCapture {
  sha256: string;
  quote: string;
}

/** Moves when the matching changes, so that checks kept by an earlier one are made again. */
const MATCHING_VERSION = 'v1';

/** The key of a quote: the SHA-256 of its comparable form (quotes equal to the eye share it). */
export function quoteKey(quote: string): string {
  return createHash('sha256')
    .update(`${MATCHING_VERSION}:${normalizeForQuote(quote).text}`)
    .digest('hex');
}

const key = (sha256: string, quote: string) => `${sha256}:${quoteKey(quote)}`;

/**
 * Whether each quote occurs in its captured content's text, by `sha256:quoteKey`: read from
 * quote_checks, and looked for (then kept) only for pairs not checked before. A content without
 * readable text gives no answer. Requires `briefs.view`.
 */
export async function checkQuotes(
  actor: Actor,
  wanted: readonly QuoteInCapture[],
): Promise<Map<string, QuoteMatch>> {
  assertCan(actor, 'briefs.view');
  const pairs = new Map(
    wanted
      .filter((pair) => normalizeForQuote(pair.quote).text)
      .map((pair) => [key(pair.sha256, pair.quote), pair]),
  );
  const results = new Map<string, QuoteMatch>();
  if (pairs.size === 0) return results;
  const stored = await db()
    .select()
    .from(quoteChecks)
    .where(
      or(
        ...[...pairs.values()].map((pair) =>
          and(
            eq(quoteChecks.contentSha256, pair.sha256),
            eq(quoteChecks.quoteKey, quoteKey(pair.quote)),
          ),
        ),
      ),
    );
  for (const row of stored) {
    results.set(`${row.contentSha256}:${row.quoteKey}`, asMatch(row));
  }
  const missing = [...pairs.entries()].filter(([pairKey]) => !results.has(pairKey));
  if (missing.length === 0) return results;
  const texts = await db()
    .select({ sha256: captureContents.sha256, text: captureContents.readableText })
    .from(captureContents)
    .where(inArray(captureContents.sha256, [...new Set(missing.map(([, pair]) => pair.sha256))]));
  const textOf = new Map(texts.map((row) => [row.sha256, row.text]));
  for (const [pairKey, pair] of missing) {
    const text = textOf.get(pair.sha256);
    if (text == null) continue;
    const match = findQuote(pair.quote, text);
    results.set(pairKey, match);
    await keepQuoteCheck(pair.sha256, pair.quote, match);
  }
  return results;
}

/** The key under which checkQuotes answers for a pair. */
export function quoteCheckKey(pair: QuoteInCapture): string {
  return key(pair.sha256, pair.quote);
}

/** Keeps a check's result (the capture worker checks the quote a source had when captured). */
export async function keepQuoteCheck(
  sha256: string,
  quote: string,
  match: QuoteMatch,
): Promise<void> {
  await db()
    .insert(quoteChecks)
    .values({
      contentSha256: sha256,
      quoteKey: quoteKey(quote),
      found: match.found,
      before: match.found ? match.before : null,
      match: match.found ? match.match : null,
      after: match.found ? match.after : null,
    })
    .onConflictDoNothing();
}

function asMatch(row: typeof quoteChecks.$inferSelect): QuoteMatch {
  return row.found
    ? { found: true, before: row.before ?? '', match: row.match ?? '', after: row.after ?? '' }
    : { found: false };
}
