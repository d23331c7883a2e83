import 'server-only';
import { eq, like, or, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { approvals, auditLog, briefs, briefVersions, corrections } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { failedChecks } from '@/lib/content/checks';
import { calendarDate } from '@/lib/content/dates';
import type { BriefDocument } from '@/lib/content/document';
import { briefCitations } from '@/lib/content/numbering';
import { searchableText } from '@/lib/content/plain-text';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '@/lib/errors';
import { assertCan } from '@/lib/policy/authorize';
import { type Actor, can } from '@/lib/policy/policy';
import { applyLocally, EVERYTHING, type PublicChange } from '@/lib/publication/page-cache';
import { announcePublicChange, briefPageChange } from '@/lib/publication/page-events';
import { firstFreeSlug, slugFromQuestion } from '@/lib/publication/slug';
import { nextState, type WorkflowState } from './rules';

export function newsroomTimeZone(): string {
  return getConfig().FACTDESK_TIMEZONE;
}

/** Writes one audit entry; every transition and publication event goes through here. */
export async function recordAudit(
  tx: Transaction,
  entry: {
    briefId: string;
    actorId: string;
    action: string;
    versionNumber?: number | null;
    fromState?: string | null;
    toState?: string | null;
    note?: string | null;
  },
): Promise<void> {
  await tx.insert(auditLog).values(entry);
}

async function lockBrief(tx: Transaction, briefId: string) {
  const [brief] = await tx.select().from(briefs).where(eq(briefs.id, briefId)).for('update');
  if (!brief) throw new NotFoundError('This brief does not exist.');
  return brief;
}

async function versionById(tx: Transaction, id: string | null) {
  if (!id) return undefined;
  const [version] = await tx.select().from(briefVersions).where(eq(briefVersions.id, id));
  return version;
}

function transition(state: WorkflowState, action: Parameters<typeof nextState>[1]): WorkflowState {
  const result = nextState(state, action);
  if (!result.ok) throw new InvalidError(result.reason);
  return result.state;
}

function assertChecksPass(document: BriefDocument, doing: string): void {
  const failed = failedChecks(document);
  if (failed.length) {
    throw new InvalidError(
      `${doing} needs every check to pass. Still failing: ${failed.map((c) => c.label).join('; ')}.`,
      {
        checks: failed.map((c) => c.label),
      },
    );
  }
}

/**
 * Refuses unless the actor wrote no part of the version (two-person rule; admins included):
 * the version carries everyone who wrote text of it that no approval has checked.
 */
function assertNotContributor(
  actor: Actor,
  version: { number: number; contributorIds: readonly string[] },
) {
  if (version.contributorIds.includes(actor.id)) {
    throw new InvalidError(
      `You wrote part of version ${version.number}, so someone else must check it (two-person rule).`,
    );
  }
}

/** Every cited (and existing) source must be among those the reviewer ticked. */
function assertAllVerified(document: BriefDocument, verified: readonly string[]): void {
  const existing = new Set(document.sources.map((s) => s.id));
  const cited = new Set(
    briefCitations(document)
      .map((c) => c.sourceId)
      .filter((id) => existing.has(id)),
  );
  const ticked = new Set(verified);
  const missing = [...cited].filter((id) => !ticked.has(id));
  if (missing.length) {
    throw new InvalidError(`Verify every cited source first (${missing.length} not verified).`);
  }
}

/**
 * Sends the current version to review and freezes it. Requires `briefs.submit`; throws
 * InvalidError when the state does not allow it or a check fails.
 */
export async function submitForReview(actor: Actor, briefId: string): Promise<void> {
  assertCan(actor, 'briefs.submit');
  await getDb().transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    const to = transition(brief.state, 'submit');
    const head = await versionById(tx, brief.headVersionId);
    if (!head) throw new NotFoundError('This brief has no version yet.');
    assertChecksPass(head.content as BriefDocument, 'Submitting for review');
    await tx.update(briefVersions).set({ frozen: true }).where(eq(briefVersions.id, head.id));
    await tx
      .update(briefs)
      .set({ state: to, submittedVersionId: head.id, updatedAt: new Date() })
      .where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'submit',
      versionNumber: head.number,
      fromState: brief.state,
      toState: to,
    });
  });
}

async function submittedVersion(
  tx: Transaction,
  brief: typeof briefs.$inferSelect,
  versionNumber: number,
) {
  const submitted = await versionById(tx, brief.submittedVersionId);
  if (!submitted || submitted.id !== brief.headVersionId || submitted.number !== versionNumber) {
    throw new ConflictError(
      'The brief changed since this review started. Reload to see the version now in review.',
    );
  }
  return submitted;
}

/**
 * Approves the version in review and stamps "Checked on" with today's date in the newsroom's
 * time zone. Requires `briefs.review`; throws InvalidError (state, checks, unverified sources,
 * two-person rule) or ConflictError (the brief changed meanwhile).
 */
export async function approveBrief(
  actor: Actor,
  briefId: string,
  input: { versionNumber: number; verifiedSourceIds: string[] },
  now = new Date(),
): Promise<{ checkedOn: string }> {
  assertCan(actor, 'briefs.review');
  return getDb().transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    const to = transition(brief.state, 'approve');
    const version = await submittedVersion(tx, brief, input.versionNumber);
    assertNotContributor(actor, version);
    const document = version.content as BriefDocument;
    assertChecksPass(document, 'Approving');
    assertAllVerified(document, input.verifiedSourceIds);
    const checkedOn = calendarDate(now, newsroomTimeZone());
    const [approval] = await tx
      .insert(approvals)
      .values({
        briefId,
        versionId: version.id,
        contentHash: version.contentHash,
        kind: 'approval',
        approvedBy: actor.id,
        checkedOn,
        verifiedSourceIds: input.verifiedSourceIds,
      })
      .returning({ id: approvals.id });
    await tx
      .update(briefs)
      .set({ state: to, approvalId: approval!.id })
      .where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'approve',
      versionNumber: version.number,
      fromState: brief.state,
      toState: to,
      note: `Checked on ${checkedOn}`,
    });
    return { checkedOn };
  });
}

/** Sends the brief back to its editor with a comment. Requires `briefs.review`. */
export async function requestChanges(
  actor: Actor,
  briefId: string,
  input: { versionNumber: number; comment: string },
): Promise<void> {
  assertCan(actor, 'briefs.review');
  await getDb().transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    const to = transition(brief.state, 'request_changes');
    const version = await submittedVersion(tx, brief, input.versionNumber);
    await tx
      .update(briefs)
      .set({ state: to, submittedVersionId: null })
      .where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'request_changes',
      versionNumber: version.number,
      fromState: brief.state,
      toState: to,
      note: input.comment,
    });
  });
}

export type PublishChange =
  | { kind: 'typo' }
  | { kind: 'correction' | 'clarification' | 'update'; note: string };

/**
 * Makes the approved version the public one, with the approval's "Checked on" date. Publishing
 * a new version of a published brief needs a correction/update note unless it is a typo fix.
 * Requires `briefs.publish`, and `briefs.republish` with a public note after an unpublish;
 * throws ForbiddenError, InvalidError or ConflictError.
 */
export async function publishBrief(
  actor: Actor,
  briefId: string,
  input: { versionNumber: number; change?: PublishChange },
  now = new Date(),
): Promise<void> {
  assertCan(actor, 'briefs.publish');
  await getDb().transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    const [approval] = brief.approvalId
      ? await tx.select().from(approvals).where(eq(approvals.id, brief.approvalId))
      : [];
    const version = await versionById(tx, approval?.versionId ?? null);
    if (!approval || !version || approval.contentHash !== version.contentHash) {
      throw new InvalidError(
        'Nothing approved to publish: a reviewer must approve a version first.',
      );
    }
    if (version.number !== input.versionNumber) {
      throw new ConflictError(
        `Version ${version.number} is the approved one now. Reload and try again.`,
      );
    }
    if (brief.published && brief.publishedVersionId === version.id) {
      throw new InvalidError(`Version ${version.number} is already published.`);
    }
    // After an unpublish, publishing again reverses an admin's decision: an admin does it, and
    // readers are told why (a public note, whatever version comes back).
    const afterUnpublish = brief.firstPublishedAt !== null && !brief.published;
    if (afterUnpublish && !can(actor, 'briefs.republish')) {
      throw new ForbiddenError(
        'An admin unpublished this brief: only an admin can publish it again.',
      );
    }
    if (
      afterUnpublish &&
      (!input.change || input.change.kind === 'typo' || !input.change.note.trim())
    ) {
      throw new InvalidError(
        'This brief was unpublished: say on its public page why it is published again.',
        { note: ['Write the note readers will see about why the brief is back.'] },
      );
    }
    const republishing =
      afterUnpublish ||
      (brief.firstPublishedAt !== null && brief.publishedVersionId !== version.id);
    if (republishing && !input.change) {
      throw new InvalidError(
        'This brief was published before: add a correction or update note, or mark the change a typo fix.',
        {
          note: ['Describe the change for readers, or mark it a typo fix.'],
        },
      );
    }
    if (republishing && input.change && input.change.kind !== 'typo') {
      await tx.insert(corrections).values({
        briefId,
        kind: input.change.kind,
        note: input.change.note,
        notedOn: calendarDate(now, newsroomTimeZone()),
        createdBy: actor.id,
      });
    }
    const document = version.content as BriefDocument;
    const searchable = searchableText(document);
    await tx
      .update(briefs)
      .set({
        published: true,
        publishedVersionId: version.id,
        publishedQuestion: document.question,
        publishedCheckedOn: approval.checkedOn,
        firstPublishedAt: brief.firstPublishedAt ?? now,
        slug: brief.slug ?? (await freeSlug(tx, document.question)),
        searchDocument: sql`setweight(to_tsvector('english', ${searchable.title}), 'A') || setweight(to_tsvector('english', ${searchable.text}), 'B')`,
        searchText: searchable.text,
      })
      .where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'publish',
      versionNumber: version.number,
      note: afterUnpublish
        ? `Published again after an unpublish. ${input.change?.kind}: ${input.change && 'note' in input.change ? input.change.note : ''}`
        : republishing
          ? input.change?.kind === 'typo'
            ? 'Typo fix'
            : `${input.change?.kind}: ${input.change && 'note' in input.change ? input.change.note : ''}`
          : `Checked on ${approval.checkedOn}`,
    });
    // It appears (or changes): every page, since any related question may link to it.
    await announcePublicChange(tx, EVERYTHING);
  });
  applyLocally(EVERYTHING);
}

/** A slug for a first publication, numbered when the question's slug is taken. */
async function freeSlug(tx: Transaction, question: string): Promise<string> {
  const base = slugFromQuestion(question);
  const taken = await tx
    .select({ slug: briefs.slug })
    .from(briefs)
    .where(or(eq(briefs.slug, base), like(briefs.slug, `${base}-%`)));
  return firstFreeSlug(base, new Set(taken.map((row) => row.slug ?? '')));
}

/**
 * Confirms the published version again and moves its public "Checked on" date to today.
 * Requires `briefs.review`; two-person rule as for approval.
 */
export async function recheckBrief(
  actor: Actor,
  briefId: string,
  input: { verifiedSourceIds: string[] },
  now = new Date(),
): Promise<{ checkedOn: string }> {
  assertCan(actor, 'briefs.review');
  let change: PublicChange = EVERYTHING;
  const result = await getDb().transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    const version = await versionById(tx, brief.publishedVersionId);
    if (!brief.published || !version)
      throw new InvalidError('Only a published brief can be re-checked.');
    assertNotContributor(actor, version);
    assertAllVerified(version.content as BriefDocument, input.verifiedSourceIds);
    const checkedOn = calendarDate(now, newsroomTimeZone());
    await tx.insert(approvals).values({
      briefId,
      versionId: version.id,
      contentHash: version.contentHash,
      kind: 'recheck',
      approvedBy: actor.id,
      checkedOn,
      verifiedSourceIds: input.verifiedSourceIds,
    });
    await tx.update(briefs).set({ publishedCheckedOn: checkedOn }).where(eq(briefs.id, briefId));
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'recheck',
      versionNumber: version.number,
      note: `Checked on ${checkedOn}`,
    });
    // Its date, and so its place in the lists, moves.
    change = briefPageChange(brief.slug, true);
    await announcePublicChange(tx, change);
    return { checkedOn };
  });
  applyLocally(change);
  return result;
}

/** Takes a brief off the public site (it answers 410); its history stays. Requires `briefs.unpublish`. */
export async function unpublishBrief(
  actor: Actor,
  briefId: string,
  input: { reason: string },
): Promise<void> {
  assertCan(actor, 'briefs.unpublish');
  await getDb().transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    if (!brief.published) throw new InvalidError('This brief is not published.');
    await tx.update(briefs).set({ published: false }).where(eq(briefs.id, briefId));
    const version = await versionById(tx, brief.publishedVersionId);
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'unpublish',
      versionNumber: version?.number,
      note: input.reason,
    });
    await announcePublicChange(tx, EVERYTHING);
  });
  applyLocally(EVERYTHING);
}

/** Adds a dated public note to a brief that has been published. Requires `briefs.correct`. */
export async function addCorrection(
  actor: Actor,
  briefId: string,
  input: { kind: 'correction' | 'clarification' | 'update'; note: string },
  now = new Date(),
): Promise<void> {
  assertCan(actor, 'briefs.correct');
  let change: PublicChange = EVERYTHING;
  await getDb().transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    if (!brief.firstPublishedAt) throw new InvalidError('Corrections are for published briefs.');
    await tx.insert(corrections).values({
      briefId,
      kind: input.kind,
      note: input.note,
      notedOn: calendarDate(now, newsroomTimeZone()),
      createdBy: actor.id,
    });
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'correction',
      note: `${input.kind}: ${input.note}`,
    });
    change = briefPageChange(brief.slug, false);
    await announcePublicChange(tx, change);
  });
  applyLocally(change);
}
