import 'server-only';
import { eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { approvals, briefs, corrections } from '@/db/schema';
import { baseUrl, newsroomTimeZone } from '@/lib/config';
import { calendarDate, formatMoment } from '@/lib/content/dates';
import { numberedSources } from '@/lib/content/numbered-sources';
import { ConflictError, InvalidError } from '@/lib/errors';
import { assertId, briefNotFound } from '@/lib/ids';
import { briefLabel, notify, writerIds } from '@/lib/notifications/notify';
import { assertCan, assertHoldsRole } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { requestArchives } from '@/lib/sources/archives';
import { transaction } from '@/lib/transaction';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { recordAudit } from '@/lib/workflow/audit';
import { assertChecksPass } from '@/lib/workflow/enforced-checks';
import { boundEvidence } from '@/lib/workflow/evidence';
import { lockBrief, versionById } from '@/lib/workflow/locking';
import { assertAllVerified } from '@/lib/workflow/review-checks';
import { announceBriefAppearance, announcePublicChange, briefPageChange } from './page-events';
import { searchIndexColumns } from './search-index';
import { allocateSlug } from './slug-allocation';
import { cancelWaitingSchedule } from './waiting-schedule';

export type PublishChange =
  | { kind: 'typo' }
  | { kind: 'correction' | 'clarification' | 'update'; note: string };

/**
 * Makes the approved version the public one, with the approval's "Checked on" date. Publishing
 * a new version of a published brief needs a correction/update note unless it is a typo fix.
 * Requires `briefs.publish` for that brief (after an admin unpublished it: an admin, with a
 * public note); throws ForbiddenError, InvalidError or ConflictError.
 */
export async function publishBrief(
  actor: Actor,
  briefId: string,
  input: { versionNumber: number; change?: PublishChange },
  now = new Date(),
): Promise<void> {
  assertHoldsRole(actor, 'briefs.publish');
  assertId(briefId, briefNotFound);
  await transaction(async (tx) => {
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
    assertCan(actor, 'briefs.publish', { brief });
    const afterUnpublish = brief.firstPublishedAt !== null && !brief.published;
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
    const document = version.content;
    // The rating scale may have changed since the approval: a verdict no longer on it waits.
    await assertChecksPass(document, 'Publishing');
    await tx
      .update(briefs)
      .set({
        published: true,
        publishedVersionId: version.id,
        publishedQuestion: document.question,
        // Read by /claimreview.json without opening versions.
        publishedClaimReview: document.claimReview ?? null,
        publishedCheckedOn: approval.checkedOn,
        firstPublishedAt: brief.firstPublishedAt ?? now,
        // Back on the site: the notice of its withdrawal no longer applies.
        withdrawalNotice: null,
        slug: brief.slug ?? (await allocateSlug(tx, document.question)),
        ...searchIndexColumns(document),
      })
      .where(eq(briefs.id, briefId));
    const slug = brief.slug ?? (await publishedSlug(tx, briefId));
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
    // Copies of its cited pages, asked of the archive (when one is configured) at commit; the
    // version stays as approved, and publishing never waits for the archive.
    await requestArchives(tx, {
      briefId,
      requestedBy: actor.id,
      sources: numberedSources(document).cited,
    });
    // It appears (or changes): its page, the lists, and the pages that link to it or did.
    await announceBriefAppearance(tx, slug, [document.question, brief.publishedQuestion]);
    const cancelled = await cancelWaitingSchedule(tx, briefId, actor.id, now);
    if (cancelled) {
      await recordAudit(tx, {
        briefId,
        actorId: actor.id,
        action: 'cancel_schedule',
        note: `Published by hand before the publication scheduled for ${formatMoment(cancelled.publishAt, newsroomTimeZone())} (${newsroomTimeZone()})`,
      });
    }
    await notify({
      kind: 'published',
      briefId,
      message: `${actor.name} published version ${version.number} of ${briefLabel(document.question)}.`,
      recipientIds: [...(await writerIds(briefId)), approval.approvedBy],
      except: actor.id,
    });
    await emitWebhookEvent(
      'published',
      {
        briefId,
        url: publicBriefUrl(slug),
        question: document.question,
        versionNumber: version.number,
        checkedOn: approval.checkedOn,
        note: input.change && 'note' in input.change ? input.change.note : undefined,
      },
      now,
    );
  });
}

async function publishedSlug(tx: Transaction, briefId: string): Promise<string | null> {
  const [row] = await tx.select({ slug: briefs.slug }).from(briefs).where(eq(briefs.id, briefId));
  return row?.slug ?? null;
}

/** The public page's address (null before the brief has one). */
function publicBriefUrl(slug: string | null): string | null {
  return slug ? `${baseUrl()}/briefs/${slug}` : null;
}

/**
 * Confirms the published version again and moves its public "Checked on" date to today.
 * Requires `briefs.recheck` for that version (two-person rule, as for approval).
 */
export async function recheckBrief(
  actor: Actor,
  briefId: string,
  input: { verifiedSourceIds: string[]; seenCaptures?: Record<string, string | null> },
  now = new Date(),
): Promise<{ checkedOn: string }> {
  assertHoldsRole(actor, 'briefs.recheck');
  assertId(briefId, briefNotFound);
  return transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    const version = await versionById(tx, brief.publishedVersionId);
    if (!brief.published || !version)
      throw new InvalidError('Only a published brief can be re-checked.');
    assertCan(actor, 'briefs.recheck', { version });
    assertAllVerified(version.content, input.verifiedSourceIds);
    const checkedOn = calendarDate(now, newsroomTimeZone());
    await tx.insert(approvals).values({
      briefId,
      versionId: version.id,
      contentHash: version.contentHash,
      kind: 'recheck',
      approvedBy: actor.id,
      checkedOn,
      verifiedSourceIds: input.verifiedSourceIds,
      verifiedCaptures: await boundEvidence(
        tx,
        briefId,
        version.content,
        input.verifiedSourceIds,
        input.seenCaptures,
      ),
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
    await announcePublicChange(tx, briefPageChange(brief.slug, true));
    await emitWebhookEvent(
      'rechecked',
      {
        briefId,
        url: publicBriefUrl(brief.slug),
        question: version.content.question,
        versionNumber: version.number,
        checkedOn,
      },
      now,
    );
    return { checkedOn };
  });
}

/**
 * Takes a brief off the public site (it answers 410 with `notice`, the reason told to readers;
 * `reason` is for the audit log); its history stays. Requires `briefs.unpublish`; throws
 * ForbiddenError, NotFoundError or InvalidError (not published).
 */
export async function unpublishBrief(
  actor: Actor,
  briefId: string,
  input: { reason: string; notice?: string },
): Promise<void> {
  assertCan(actor, 'briefs.unpublish');
  assertId(briefId, briefNotFound);
  await transaction(async (tx) => {
    const brief = await lockBrief(tx, briefId);
    if (!brief.published) throw new InvalidError('This brief is not published.');
    await tx
      .update(briefs)
      .set({ published: false, withdrawalNotice: input.notice?.trim() || null })
      .where(eq(briefs.id, briefId));
    const version = await versionById(tx, brief.publishedVersionId);
    await recordAudit(tx, {
      briefId,
      actorId: actor.id,
      action: 'unpublish',
      versionNumber: version?.number,
      note: input.reason,
    });
    // Its page, the lists, and the pages whose related questions linked to it.
    await announceBriefAppearance(tx, brief.slug, [brief.publishedQuestion]);
    const cancelled = await cancelWaitingSchedule(tx, briefId, actor.id, new Date());
    if (cancelled) {
      const when = `${formatMoment(cancelled.publishAt, newsroomTimeZone())} (${newsroomTimeZone()})`;
      await recordAudit(tx, {
        briefId,
        actorId: actor.id,
        action: 'cancel_schedule',
        note: `Unpublished: the publication scheduled for ${when} is cancelled`,
      });
      await notify({
        kind: 'schedule_failed',
        briefId,
        message: `${actor.name} unpublished ${briefLabel(brief.publishedQuestion ?? brief.question)}: the publication scheduled for ${when} is cancelled.`,
        recipientIds: [cancelled.scheduledBy, ...(await writerIds(briefId))],
        except: actor.id,
      });
    }
    // The reason is for the audit log: it is not sent to endpoints outside the newsroom.
    await emitWebhookEvent('unpublished', {
      briefId,
      url: publicBriefUrl(brief.slug),
      question: brief.publishedQuestion ?? brief.question,
      versionNumber: version?.number ?? null,
      checkedOn: brief.publishedCheckedOn,
    });
  });
}

/** Adds a dated public note to a brief that has been published. Requires `briefs.correct`. */
export async function addCorrection(
  actor: Actor,
  briefId: string,
  input: { kind: 'correction' | 'clarification' | 'update'; note: string },
  now = new Date(),
): Promise<void> {
  assertCan(actor, 'briefs.correct');
  assertId(briefId, briefNotFound);
  await transaction(async (tx) => {
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
    // Readers see a correction only on a public page: none is announced for an unpublished one.
    if (!brief.published) return;
    // Its page and the lists of corrections (/corrections, /corrections.xml) change.
    await announcePublicChange(tx, briefPageChange(brief.slug, true));
    await emitWebhookEvent(
      'corrected',
      {
        briefId,
        url: publicBriefUrl(brief.slug),
        question: brief.publishedQuestion ?? brief.question,
        versionNumber: null,
        checkedOn: brief.publishedCheckedOn,
        note: `${input.kind}: ${input.note}`,
      },
      now,
    );
  });
}
