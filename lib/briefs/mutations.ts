import 'server-only';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { briefPresence, briefSaveKeys, briefs, briefVersions, users } from '@/db/schema';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { contentHash } from '@/lib/content/hash';
import { pendingSuggestions } from '@/lib/content/suggestions';
import { assertWithinLimits, documentError, parseBriefDocument } from '@/lib/content/validate';
import { isVersionNumber } from '@/lib/content/version-number';
import { ConflictError, InvalidError, NotFoundError } from '@/lib/errors';
import { archivedBriefMessage, assertId, briefNotFound } from '@/lib/ids';
import { importBriefOffThread } from '@/lib/import/off-thread';
import type { ImportReport } from '@/lib/import/parse';
import { readProvenance } from '@/lib/import/provenance';
import { importSummary } from '@/lib/import/summary';
import { assertCan } from '@/lib/policy/authorize';
import { type Actor, can } from '@/lib/policy/policy';
import { db, transaction } from '@/lib/transaction';
import { recordAudit } from '@/lib/workflow/audit';
import { contributorsForWrite } from '@/lib/workflow/contributors';
import { nextState, type WorkflowState } from '@/lib/workflow/rules';
import { canCoalesce } from './coalesce';
import {
  acceptedSuggestionAuthors,
  assertOwnSuggestions,
  type SuggestionWriters,
  suggestionWritersAfter,
  textHashOf,
  type WrittenSuggestion,
  withWriters,
} from './suggestion-rules';

/** What the editor needs to know about the version its copy is based on. */
export interface HeadInfo {
  revision: number;
  number: number;
  kind: string;
  authorId: string;
  authorName: string;
  savedAt: string;
}

/** Someone else saved since the version the request was based on. */
export class VersionConflictError extends ConflictError {
  constructor(
    readonly head: HeadInfo,
    readonly document: BriefDocument,
  ) {
    super(`${head.authorName} saved version ${head.number} in the meantime.`);
  }
}

export type SaveOutcome = 'created' | 'coalesced' | 'unchanged';

/** Creates an empty draft with its first version. Requires `briefs.edit`. */
export async function createBrief(actor: Actor): Promise<{ id: string }> {
  assertCan(actor, 'briefs.edit');
  const document = storedForm(emptyBriefDocument());
  return transaction((tx) => insertBrief(tx, actor, document, 'save', [actor.id]));
}

/**
 * The import of a text, with the versions it says it was exported from, or InvalidError (on
 * the text field) when it cannot be a brief.
 */
async function importOrRefuse(actor: Actor, input: { text: string; today: string }) {
  assertCan(actor, 'briefs.edit');
  const { text, named } = readProvenance(input.text);
  // Off the event loop: reading a long text must not hold up every other request.
  const result = await importBriefOffThread(text, { today: input.today });
  if (!result.ok) throw new InvalidError(result.error, { text: [result.error] });
  for (const origin of named) {
    result.report.notes.unshift({
      line: null,
      severity: 'info',
      message: `This text was exported from version ${origin.versionNumber} of a brief: whoever wrote that version counts as an author of the new draft (two-person rule).`,
    });
  }
  return { ...result, named };
}

/**
 * What importing the text would give, without creating anything: exactly what
 * createImportedBrief creates from the same text (the importer is deterministic but for new ids).
 * Requires `briefs.edit`; throws InvalidError, ImportBusyError.
 */
export async function previewImportedBrief(
  actor: Actor,
  input: { text: string; today: string },
): Promise<{ document: BriefDocument; report: ImportReport }> {
  // Copied from the worker thread, the document is made of plain objects React can send.
  const { document, report } = await importOrRefuse(actor, input);
  return { document, report };
}

/**
 * Creates a draft from imported text: its first version has kind `import`, and the audit log
 * keeps the import's summary (counts, what needs attention, the original "Checked on" line) for
 * the reviewer. Requires `briefs.edit`; throws InvalidError when the text cannot be a brief.
 */
export async function createImportedBrief(
  actor: Actor,
  input: { text: string; origin: string; today: string },
): Promise<{ id: string; report: ImportReport }> {
  // importBrief returns the document as parseBriefDocument stores it: no second pass needed.
  const { document, report, named } = await importOrRefuse(actor, input);
  return transaction(async (tx) => {
    // An export brought back carries who wrote it, from the versions this person may see.
    const contributorIds = await contributorsForWrite(tx, {
      actorId: actor.id,
      copiedFrom: can(actor, 'briefs.view')
        ? named.map((origin) => ({ briefId: origin.briefId, number: origin.versionNumber }))
        : [],
    });
    const { id } = await insertBrief(tx, actor, document, 'import', contributorIds);
    await recordAudit(tx, {
      briefId: id,
      actorId: actor.id,
      action: 'import',
      versionNumber: 1,
      toState: 'draft',
      note: importSummary(input.origin, report),
    });
    return { id, report };
  });
}

async function insertBrief(
  tx: Transaction,
  actor: Actor,
  document: BriefDocument,
  kind: 'save' | 'import',
  contributorIds: string[],
): Promise<{ id: string }> {
  assertWithinLimits(document);
  const [brief] = await tx
    .insert(briefs)
    .values({ createdBy: actor.id, question: document.question })
    .returning({ id: briefs.id });
  const [version] = await tx
    .insert(briefVersions)
    .values({
      briefId: brief!.id,
      number: 1,
      kind,
      authorId: actor.id,
      contributorIds,
      content: document,
      contentHash: contentHash(document),
      textHash: await textHashOf(document),
    })
    .returning({ id: briefVersions.id });
  await tx
    .update(briefs)
    .set({
      headVersionId: version!.id,
      headNumber: 1,
      ...listedColumns(document.question, version!.id, [actor.id, ...contributorIds]),
    })
    .where(eq(briefs.id, brief!.id));
  return { id: brief!.id };
}

/**
 * What the desk's lists read of the working copy, after a write: its search document (computed
 * by the database from the version just written, for lib/desk/list.ts) and, when the text
 * changed, its writers added to the brief's authors.
 */
function listedColumns(question: string, versionId: string, writers: string[] | null) {
  return {
    deskSearch: sql`(select brief_desk_search(${question}, content) from ${briefVersions} where id = ${versionId})`,
    ...(writers && writers.length > 0
      ? {
          authorIds: sql`array(select distinct unnest(${briefs.authorIds} || ${`{${writers.join(',')}}`}::uuid[]))`,
        }
      : {}),
  };
}

/** A document as it is stored: re-serialized by the schema, defaults filled in. */
function storedForm(document: BriefDocument): BriefDocument {
  const parsed = parseBriefDocument(document);
  if (!parsed.ok) throw documentError(parsed.problems);
  return parsed.document;
}

async function lockBriefAndHead(tx: Transaction, briefId: string) {
  const [brief] = await tx.select().from(briefs).where(eq(briefs.id, briefId)).for('update');
  if (!brief?.headVersionId) throw new NotFoundError(briefNotFound);
  if (brief.archivedAt) throw new InvalidError(archivedBriefMessage);
  const [head] = await tx
    .select({
      id: briefVersions.id,
      number: briefVersions.number,
      kind: briefVersions.kind,
      authorId: briefVersions.authorId,
      authorName: users.name,
      contentHash: briefVersions.contentHash,
      textHash: briefVersions.textHash,
      frozen: briefVersions.frozen,
      createdAt: briefVersions.createdAt,
      updatedAt: briefVersions.updatedAt,
    })
    .from(briefVersions)
    .innerJoin(users, eq(users.id, briefVersions.authorId))
    .where(eq(briefVersions.id, brief.headVersionId));
  return { brief, head: head! };
}

function headInfo(
  revision: number,
  head: Awaited<ReturnType<typeof lockBriefAndHead>>['head'],
): HeadInfo {
  return {
    revision,
    number: head.number,
    kind: head.kind,
    authorId: head.authorId,
    authorName: head.authorName,
    savedAt: head.updatedAt.toISOString(),
  };
}

/**
 * Saves the editor's document on top of `baseRevision`. An autosave may coalesce into the
 * person's own recent autosave; identical content writes nothing; anything else adds a version.
 * Requires `briefs.edit`; throws InvalidError for a bad document, VersionConflictError when
 * someone saved since `baseRevision` (nothing is written then), NotFoundError.
 */
export async function saveBrief(
  actor: Actor,
  briefId: string,
  request: {
    baseRevision: number;
    /** The version the editor's text started from, when it is not the head (kept after a conflict). */
    baseNumber?: number;
    kind: 'autosave' | 'save';
    document: unknown;
    /** The editor's own key: revisions saved under it count as known to this save. */
    saveKey?: string;
    /** Keys of earlier editors of this text on the same device (a copy kept there, restored). */
    earlierKeys?: string[];
  },
): Promise<{ outcome: SaveOutcome; head: HeadInfo; state: WorkflowState }> {
  assertCan(actor, 'briefs.edit');
  assertId(briefId, briefNotFound);
  // Checks the limits of one brief too (assertWithinLimits' rules), on the form to be stored.
  const parsed = parseBriefDocument(request.document);
  if (!parsed.ok) throw documentError(parsed.problems);
  const document = parsed.document;
  const hash = contentHash(document);
  const textHash = await textHashOf(document);

  return transaction(async (tx) => {
    const { brief, head } = await lockBriefAndHead(tx, briefId);
    const keys = [...(request.saveKey ? [request.saveKey] : []), ...(request.earlierKeys ?? [])];
    // The brief as this editor last left it: its base, or later when a save of its own was
    // stored but its answer lost. A save under the key was refused unless it knew every
    // revision before it, so every revision up to that one is known to this text.
    const knownRevision = Math.max(
      request.baseRevision,
      await latestRevisionSavedUnder(tx, actor, briefId, keys),
    );
    const result = await writeSave(tx, {
      actor,
      briefId,
      brief,
      head,
      request,
      knownRevision,
      document,
      hash,
      textHash,
    });
    if (request.saveKey) {
      await recordSaveKey(tx, actor, briefId, request.saveKey, result.head.revision);
    }
    return result;
  });
}

/** The latest revision this person saved on this brief under one of these keys (0: none). */
async function latestRevisionSavedUnder(
  tx: Transaction,
  actor: Actor,
  briefId: string,
  keys: string[],
): Promise<number> {
  if (keys.length === 0) return 0;
  const [latest] = await tx
    .select({ revision: briefSaveKeys.revision })
    .from(briefSaveKeys)
    .where(
      and(
        inArray(briefSaveKeys.key, keys),
        eq(briefSaveKeys.briefId, briefId),
        eq(briefSaveKeys.actorId, actor.id),
      ),
    )
    .orderBy(desc(briefSaveKeys.revision))
    .limit(1);
  return latest?.revision ?? 0;
}

const SAVE_KEYS_KEPT = sql`now() - interval '7 days'`;

/**
 * Remembers the revision this editor's key left the brief at (a key of another person or brief
 * is left alone), and forgets a batch of keys unused for a week.
 */
async function recordSaveKey(
  tx: Transaction,
  actor: Actor,
  briefId: string,
  key: string,
  revision: number,
): Promise<void> {
  await tx
    .insert(briefSaveKeys)
    .values({ key, briefId, actorId: actor.id, revision })
    .onConflictDoUpdate({
      target: briefSaveKeys.key,
      set: { revision, updatedAt: sql`now()` },
      setWhere: and(eq(briefSaveKeys.briefId, briefId), eq(briefSaveKeys.actorId, actor.id)),
    });
  const stale = tx
    .select({ key: briefSaveKeys.key })
    .from(briefSaveKeys)
    .where(lt(briefSaveKeys.updatedAt, SAVE_KEYS_KEPT))
    .limit(100);
  await tx.delete(briefSaveKeys).where(inArray(briefSaveKeys.key, stale));
}

async function writeSave(
  tx: Transaction,
  input: {
    actor: Actor;
    briefId: string;
    brief: Awaited<ReturnType<typeof lockBriefAndHead>>['brief'];
    head: Awaited<ReturnType<typeof lockBriefAndHead>>['head'];
    request: { kind: 'autosave' | 'save'; baseNumber?: number };
    knownRevision: number;
    document: BriefDocument;
    hash: string;
    textHash: string | null;
  },
): Promise<{ outcome: SaveOutcome; head: HeadInfo; state: WorkflowState }> {
  const { actor, briefId, brief, head, request, document, hash, textHash } = input;
  // A stale base with identical content (e.g. a save sent while leaving the page, then the
  // same edits restored from this device) loses nothing: there is no conflict to show.
  if (brief.revision !== input.knownRevision && head.contentHash !== hash) {
    const [theirs] = await tx
      .select({ content: briefVersions.content })
      .from(briefVersions)
      .where(eq(briefVersions.id, head.id));
    throw new VersionConflictError(headInfo(brief.revision, head), theirs!.content);
  }
  const now = new Date();
  if (head.contentHash === hash) {
    // An explicit save of an unchanged autosave keeps it as a checkpoint: no more coalescing.
    if (
      request.kind === 'save' &&
      head.kind === 'autosave' &&
      !head.frozen &&
      head.authorId === actor.id
    ) {
      await tx.update(briefVersions).set({ kind: 'save' }).where(eq(briefVersions.id, head.id));
      return {
        outcome: 'unchanged',
        head: headInfo(brief.revision, { ...head, kind: 'save' }),
        state: brief.state,
      };
    }
    return { outcome: 'unchanged', head: headInfo(brief.revision, head), state: brief.state };
  }
  const revision = brief.revision + 1;
  const copiedFrom = [...new Set([head.number, request.baseNumber ?? head.number])];
  const suggestedBefore = await suggestionsOf(tx, briefId, head, copiedFrom);
  const suggestionWriters = suggestionWritersAfter(actor.id, suggestedBefore, document);
  assertOwnSuggestions(actor.id, document, suggestedBefore);
  // A save of suggestions alone leaves the text, its writers and the workflow state as they were.
  const textChanged = (textHash ?? hash) !== (head.textHash ?? head.contentHash);
  const contributorIds = textChanged
    ? [
        ...new Set([
          // The text replaces the head's and may hold text of the version it started from.
          ...(await contributorsForWrite(tx, {
            actorId: actor.id,
            copiedFrom: copiedFrom.map((number) => ({ briefId, number })),
          })),
          ...acceptedSuggestionAuthors(actor.id, suggestedBefore, document, textChanged),
        ]),
      ].sort()
    : await contributorsOf(tx, head.id);
  const edited = async (versionNumber: number) =>
    textChanged ? afterEdit(tx, { briefId, actor, from: brief.state, versionNumber }) : brief.state;
  if (canCoalesce(head, { kind: request.kind, authorId: actor.id, now })) {
    await tx
      .update(briefVersions)
      .set({
        content: document,
        contentHash: hash,
        textHash,
        suggestionWriters,
        contributorIds,
        updatedAt: now,
      })
      .where(and(eq(briefVersions.id, head.id), eq(briefVersions.frozen, false)));
    const state = await edited(head.number);
    await tx
      .update(briefs)
      .set({
        revision,
        question: document.question,
        state,
        updatedAt: now,
        ...listedColumns(document.question, head.id, textChanged ? contributorIds : null),
      })
      .where(eq(briefs.id, briefId));
    return {
      outcome: 'coalesced',
      head: headInfo(revision, { ...head, authorName: actor.name, updatedAt: now }),
      state,
    };
  }
  const created = await appendVersion(tx, {
    briefId,
    fromState: brief.state,
    number: head.number + 1,
    kind: request.kind,
    actor,
    baseNumber: head.number,
    contributorIds,
    document,
    hash,
    textHash,
    suggestionWriters,
    textChanged,
    revision,
    now,
  });
  return { outcome: 'created', head: created.head, state: created.state };
}

/** The suggestions pending in the versions a save's text comes from (read only when there are). */
async function suggestionsOf(
  tx: Transaction,
  briefId: string,
  head: { number: number; textHash: string | null },
  numbers: number[],
): Promise<WrittenSuggestion[]> {
  const others = numbers.filter((number) => number !== head.number);
  const wanted = head.textHash === null ? others : numbers;
  if (wanted.length === 0) return [];
  const rows = await tx
    .select({ content: briefVersions.content, writers: briefVersions.suggestionWriters })
    .from(briefVersions)
    .where(and(eq(briefVersions.briefId, briefId), inArray(briefVersions.number, wanted)));
  return rows.flatMap((row) => withWriters(pendingSuggestions(row.content), row.writers));
}

async function contributorsOf(tx: Transaction, versionId: string): Promise<string[]> {
  const [row] = await tx
    .select({ contributorIds: briefVersions.contributorIds })
    .from(briefVersions)
    .where(eq(briefVersions.id, versionId));
  return row?.contributorIds ?? [];
}

async function appendVersion(
  tx: Transaction,
  input: {
    briefId: string;
    fromState: WorkflowState;
    number: number;
    kind: 'autosave' | 'save' | 'restore';
    actor: Actor;
    baseNumber: number;
    restoredFrom?: number;
    contributorIds: string[];
    document: BriefDocument;
    hash: string;
    textHash: string | null;
    suggestionWriters?: SuggestionWriters | null;
    /** False for a save of suggestions alone: no edit of the text, the state stays. */
    textChanged: boolean;
    revision: number;
    now: Date;
  },
): Promise<{ head: HeadInfo; state: WorkflowState }> {
  const [version] = await tx
    .insert(briefVersions)
    .values({
      briefId: input.briefId,
      number: input.number,
      kind: input.kind,
      authorId: input.actor.id,
      baseNumber: input.baseNumber,
      restoredFrom: input.restoredFrom,
      contributorIds: input.contributorIds,
      content: input.document,
      contentHash: input.hash,
      textHash: input.textHash,
      suggestionWriters: input.suggestionWriters ?? null,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: briefVersions.id });
  const state = input.textChanged
    ? await afterEdit(tx, {
        briefId: input.briefId,
        actor: input.actor,
        from: input.fromState,
        versionNumber: input.number,
      })
    : input.fromState;
  await tx
    .update(briefs)
    .set({
      headVersionId: version!.id,
      headNumber: input.number,
      revision: input.revision,
      question: input.document.question,
      state,
      updatedAt: input.now,
      ...listedColumns(
        input.document.question,
        version!.id,
        input.textChanged ? input.contributorIds : null,
      ),
    })
    .where(eq(briefs.id, input.briefId));
  return {
    head: {
      revision: input.revision,
      number: input.number,
      kind: input.kind,
      authorId: input.actor.id,
      authorName: input.actor.name,
      savedAt: input.now.toISOString(),
    },
    state,
  };
}

/** An edit withdraws a review or an approval of the working copy; the audit log says so. */
async function afterEdit(
  tx: Transaction,
  edit: { briefId: string; actor: Actor; from: WorkflowState; versionNumber: number },
): Promise<WorkflowState> {
  const result = nextState(edit.from, 'edit');
  const to = result.ok ? result.state : edit.from;
  if (to !== edit.from) {
    await tx.update(briefs).set({ submittedVersionId: null }).where(eq(briefs.id, edit.briefId));
    await recordAudit(tx, {
      briefId: edit.briefId,
      actorId: edit.actor.id,
      action: 'edit',
      versionNumber: edit.versionNumber,
      fromState: edit.from,
      toState: to,
    });
  }
  return to;
}

/**
 * Makes an old version the newest again, as a new version (nothing is deleted).
 * Requires `briefs.edit`; throws NotFoundError, InvalidError when the old version is over the
 * limits of one brief.
 */
export async function restoreVersion(
  actor: Actor,
  briefId: string,
  number: number,
): Promise<{ head: HeadInfo; state: WorkflowState }> {
  assertCan(actor, 'briefs.edit');
  assertId(briefId, briefNotFound);
  if (!isVersionNumber(number)) throw new NotFoundError(`Version ${number} does not exist.`);
  return transaction(async (tx) => {
    const { brief, head } = await lockBriefAndHead(tx, briefId);
    const [old] = await tx
      .select({
        content: briefVersions.content,
        contentHash: briefVersions.contentHash,
        textHash: briefVersions.textHash,
        suggestionWriters: briefVersions.suggestionWriters,
      })
      .from(briefVersions)
      .where(and(eq(briefVersions.briefId, briefId), eq(briefVersions.number, number)));
    if (!old) throw new NotFoundError(`Version ${number} does not exist.`);
    // A version written before the limits were enforced stays readable but cannot come back.
    assertWithinLimits(old.content);
    // Whoever wrote the text brought back, and (conservatively) whoever wrote the text it replaces.
    const contributorIds = await contributorsForWrite(tx, {
      actorId: actor.id,
      copiedFrom: [
        { briefId, number },
        { briefId, number: head.number },
      ],
    });
    return appendVersion(tx, {
      briefId,
      fromState: brief.state,
      number: head.number + 1,
      kind: 'restore',
      actor,
      baseNumber: head.number,
      restoredFrom: number,
      contributorIds,
      document: old.content,
      hash: old.contentHash,
      textHash: old.textHash,
      suggestionWriters: old.suggestionWriters,
      textChanged: true,
      revision: brief.revision + 1,
      now: new Date(),
    });
  });
}

const PRESENCE_LEASE_SECONDS = 45;

/**
 * Records that the actor has the brief open (a short lease) and returns the others who do.
 * Requires `briefs.view`.
 */
export async function touchPresence(actor: Actor, briefId: string): Promise<{ name: string }[]> {
  assertCan(actor, 'briefs.view');
  assertId(briefId, briefNotFound);
  const [brief] = await db().select({ id: briefs.id }).from(briefs).where(eq(briefs.id, briefId));
  if (!brief) throw new NotFoundError(briefNotFound);
  // Leases nobody renewed go here, where leases are written (by the expires_at index).
  await db().delete(briefPresence).where(sql`${briefPresence.expiresAt} < now()`);
  const expiresAt = sql`now() + make_interval(secs => ${PRESENCE_LEASE_SECONDS})`;
  await db()
    .insert(briefPresence)
    .values({ briefId, userId: actor.id, expiresAt })
    .onConflictDoUpdate({
      target: [briefPresence.briefId, briefPresence.userId],
      set: { expiresAt },
    });
  return db()
    .select({ name: users.name })
    .from(briefPresence)
    .innerJoin(users, eq(users.id, briefPresence.userId))
    .where(
      and(
        eq(briefPresence.briefId, briefId),
        sql`${briefPresence.userId} <> ${actor.id}`,
        sql`${briefPresence.expiresAt} > now()`,
      ),
    );
}
