import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  approvalKinds,
  archiveStates,
  briefStates,
  captureStates,
  correctionKinds,
  deliveryStates,
  notificationKinds,
  readerReportKinds,
  readerReportStatuses,
  scheduleStates,
  sitePageKinds,
  sourceCheckStatuses,
  userRoles,
  versionKinds,
  webhookEvents,
} from './enums';
import { questionKeyOf } from './question-key';

export {
  approvalKinds,
  archiveStates,
  briefStates,
  captureStates,
  correctionKinds,
  deliveryStates,
  notificationKinds,
  readerReportKinds,
  readerReportStatuses,
  scheduleStates,
  sitePageKinds,
  sourceCheckStatuses,
  userRoles,
  versionKinds,
  webhookEvents,
};

/**
 * The types of the JSON columns. db knows nothing of the brief document (it imports nothing of
 * lib), so lib registers the type here by declaration merging (lib/briefs/stored-document.ts);
 * a column whose type is not registered reads as `unknown`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging from lib.
export interface JsonColumnTypes {}
type JsonColumn<Name extends string> = JsonColumnTypes extends Record<Name, infer T> ? T : unknown;

export const userRole = pgEnum('user_role', userRoles);
export const notificationKind = pgEnum('notification_kind', notificationKinds);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: userRole('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    // Bumped whenever existing sessions must stop working (disable, password reset).
    sessionVersion: integer('session_version').notNull().default(1),
    /** The notifications this person also gets by email (chosen under Account). */
    emailNotifications: notificationKind('email_notifications')
      .array()
      .notNull()
      .default(
        sql`'{submitted,changes_requested,approved,schedule_failed,source_attention,mention}'::notification_kind[]`,
      ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`),
    check('users_email_is_lowercase', sql`${t.email} = lower(${t.email})`),
    check('users_name_not_blank', sql`length(btrim(${t.name})) > 0`),
  ],
);

/** Postgres `tsvector` (drizzle has no built-in type for it). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Sign-in attempt counters, one row per account (`account:<email>`) or address (`ip:<addr>`). */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  // Expired counters are deleted by age.
  (t) => [index('login_throttle_window_started_at').on(t.windowStartedAt)],
);

/**
 * One row per signed-in session: the session cookie names its row, and a session whose row is
 * gone (signed out, signed out everywhere, expired) no longer opens anything.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('user_sessions_user').on(t.userId),
    index('user_sessions_expires_at').on(t.expiresAt),
  ],
);

/**
 * What was done to people's accounts (added, role changed, disabled, enabled, password reset,
 * signed out everywhere), by whom. Append-only (a trigger refuses changes); `actor_id` is null
 * for the command line.
 */
export const userAuditLog = pgTable(
  'user_audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => users.id),
    action: text('action').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('user_audit_log_created_at').on(t.createdAt.desc(), t.id.desc())],
);

export const briefState = pgEnum('brief_state', briefStates);

export const versionKind = pgEnum('version_kind', versionKinds);

/**
 * A brief's working copy. `revision` moves on every write (a new version or a coalesced
 * autosave): saves name the revision they were based on, so no update is ever lost. The head
 * pointer makes saving independent of how long the history is.
 */
export const briefs = pgTable(
  'briefs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The head version's question, kept here for lists. */
    question: text('question').notNull().default(''),
    state: briefState('state').notNull().default('draft'),
    revision: integer('revision').notNull().default(1),
    headVersionId: uuid('head_version_id').references((): AnyPgColumn => briefVersions.id),
    headNumber: integer('head_number').notNull().default(0),
    /** The version sent to review (frozen), while in review or approved. */
    submittedVersionId: uuid('submitted_version_id').references(
      (): AnyPgColumn => briefVersions.id,
    ),
    /** The latest approval; it applies to its own version only. */
    approvalId: uuid('approval_id').references((): AnyPgColumn => approvals.id),
    publishedVersionId: uuid('published_version_id').references(
      (): AnyPgColumn => briefVersions.id,
    ),
    /** The public "Checked on" date: a calendar date in the newsroom's time zone. */
    publishedCheckedOn: date('published_checked_on'),
    firstPublishedAt: timestamp('first_published_at', { withTimezone: true }),
    published: boolean('published').notNull().default(false),
    /** The public URL's slug: set from the question at first publication, then frozen. */
    slug: text('slug'),
    /** The published version's question, for lists and search (the working copy may differ). */
    publishedQuestion: text('published_question'),
    /** Full-text search over the published version (question, summary, body, limitations). */
    searchDocument: tsvector('search_document'),
    /** The published version's plain text, for search snippets. */
    searchText: text('search_text'),
    /** Days after its "Checked on" date when the published brief is due for a re-check. */
    reviewIntervalDays: integer('review_interval_days'),
    /** When the published brief is due for a re-check: its "Checked on" date plus the interval. */
    recheckDueOn: date('recheck_due_on').generatedAlwaysAs(
      sql`published_checked_on + review_interval_days`,
    ),
    /** The question as duplicates are compared (db/question-key.ts). */
    questionKey: text('question_key').notNull().generatedAlwaysAs(questionKeyOf(sql`question`)),
    /** Everyone who wrote part of the working copy's text at some point, its creator first. */
    authorIds: uuid('author_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /**
     * The reviewer it is assigned to (`Assign reviewer`), or who last reviewed it: whoever
     * approves or requests changes becomes its reviewer.
     */
    assignedReviewerId: uuid('assigned_reviewer_id').references(() => users.id),
    /** The working copy's question and text, for the newsroom's search (not only published). */
    deskSearch: tsvector('desk_search'),
    /** Put away (never published briefs only): out of every list but `Archived`; nothing deleted. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archivedBy: uuid('archived_by').references(() => users.id),
    /** Why the brief was unpublished, as its 410 page tells readers (the audit log keeps the internal reason). */
    withdrawalNotice: text('withdrawal_notice'),
    /** The published version's claim review (lib/claims), for /claimreview.json; null without one. */
    publishedClaimReview: jsonb('published_claim_review').$type<JsonColumn<'claimReview'>>(),
    /**
     * The published version's related questions as matched (lib/publication/related.ts,
     * questionKey): which pages link to a brief that is published or taken down.
     */
    publishedRelatedKeys: text('published_related_keys')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The lists of /desk/briefs (lib/desk/list.ts): each order, with its id as the tie breaker
    // for keyset pagination, over the briefs not archived (and the archived apart). Ascending
    // (NULLS LAST): read backwards they give `desc` (NULLS FIRST), the order the list asks for;
    // `DESC NULLS LAST` would serve neither direction of a query that names no NULLS order.
    index('briefs_list_updated').on(t.updatedAt, t.id).where(sql`${t.archivedAt} is null`),
    index('briefs_list_state_updated')
      .on(t.state, t.updatedAt, t.id)
      .where(sql`${t.archivedAt} is null`),
    index('briefs_list_published_updated').on(t.updatedAt, t.id).where(sql`${t.published}`),
    index('briefs_list_archived').on(t.updatedAt, t.id).where(sql`${t.archivedAt} is not null`),
    index('briefs_list_question')
      .on(sql`lower(${t.question})`, t.id)
      .where(sql`${t.archivedAt} is null`),
    // Briefs never checked sort last (as the oldest date), so that keyset pages need no nulls.
    index('briefs_list_checked')
      .on(sql`coalesce(${t.publishedCheckedOn}, '0001-01-01'::date)`, t.id)
      .where(sql`${t.archivedAt} is null`),
    index('briefs_list_authors').using('gin', t.authorIds),
    index('briefs_list_reviewer').on(t.assignedReviewerId, t.updatedAt, t.id),
    index('briefs_desk_search').using('gin', t.deskSearch),
    index('briefs_question_key').on(t.questionKey),
    index('briefs_question_trigrams').using('gin', sql`${t.questionKey} gin_trgm_ops`),
    index('briefs_recheck_due').on(t.recheckDueOn).where(sql`${t.published}`),
    // An untouched new brief (never saved since `New brief`): hidden from lists after a day.
    index('briefs_untouched').on(t.createdAt).where(sql`${t.revision} = 1 and ${t.question} = ''`),
    check(
      'briefs_archived_never_published',
      sql`${t.archivedAt} is null or ${t.firstPublishedAt} is null`,
    ),
    check('briefs_archived_by', sql`(${t.archivedAt} is null) = (${t.archivedBy} is null)`),
    check('briefs_revision_positive', sql`${t.revision} > 0`),
    check(
      'briefs_published_needs_version_and_date',
      sql`not ${t.published} or (${t.publishedVersionId} is not null and ${t.publishedCheckedOn} is not null and ${t.firstPublishedAt} is not null)`,
    ),
    index('briefs_review_queue').on(t.state, t.updatedAt),
    check(
      'briefs_review_interval_days',
      sql`${t.reviewIntervalDays} is null or ${t.reviewIntervalDays} between 1 and 3660`,
    ),
    uniqueIndex('briefs_slug_unique').on(t.slug),
    // /claimreview.json: the published claim reviews, most recently checked first.
    index('briefs_public_claim_reviews')
      .on(t.publishedCheckedOn, t.id)
      .where(sql`${t.published} and ${t.publishedClaimReview} is not null`),
    check('briefs_published_needs_slug', sql`not ${t.published} or ${t.slug} is not null`),
    index('briefs_search').using('gin', t.searchDocument),
    // The pages whose related questions name a brief's question (a publication refreshes them).
    index('briefs_published_related_keys')
      .using('gin', t.publishedRelatedKeys)
      .where(sql`${t.published}`),
    // Partial: the front page reads the first 20 in order, and counts published briefs from it.
    index('briefs_public_list')
      // NULLS FIRST is what `order by … desc` means: the index serves the query's order.
      .on(t.publishedCheckedOn.desc().nullsFirst(), t.firstPublishedAt.desc().nullsFirst())
      .where(sql`${t.published}`),
  ],
);

/**
 * How many briefs each tab of /desk/briefs holds, kept by a trigger on `briefs` (migration 0023,
 * `brief_tabs`): counting 100,000 rows per page view would not stay fast. The tabs that depend
 * on the day (`Needs re-check`, untouched new briefs hidden after a day) are counted apart.
 */
export const briefTabCounts = pgTable('brief_tab_counts', {
  tab: text('tab').primaryKey(),
  count: bigint('count', { mode: 'number' }).notNull().default(0),
});

/** Every saved state of a brief: the whole document (all parts and sources) as JSON. */
export const briefVersions = pgTable(
  'brief_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    kind: versionKind('kind').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    /** The version number the author's editor was based on when saving. */
    baseNumber: integer('base_number'),
    /** For restores: the number of the version restored. */
    restoredFrom: integer('restored_from'),
    content: jsonb('content').$type<JsonColumn<'briefDocument'>>().notNull(),
    contentHash: text('content_hash').notNull(),
    /**
     * The hash of the text as it stands, pending suggestions rejected (lib/content/suggestion-
     * projections); null when there are none (the text is then the content). A save that
     * changes only suggestions leaves it, and with it the workflow state and who wrote the
     * text, alone.
     */
    textHash: text('text_hash'),
    /**
     * Who wrote each pending suggestion, where that is more than its author (whose id is in the
     * suggestion's): words typed next to someone else's suggestion join it. Null when none.
     */
    suggestionWriters: jsonb('suggestion_writers').$type<Record<string, string[]>>(),
    /**
     * Two-person rule: everyone who wrote a part of this text that no approval has checked since,
     * carried along by saves, restores, conflicts and imports of an export.
     */
    contributorIds: uuid('contributor_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Submitted, reviewed or published versions never change again. */
    frozen: boolean('frozen').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('brief_versions_brief_number').on(t.briefId, t.number.desc()),
    check('brief_versions_number_positive', sql`${t.number} > 0`),
  ],
);

/**
 * Idempotent saves: the revision each editor (a browser tab, under a random key it keeps) last
 * left the brief at. A save names its key, and the revisions written under it count as known to
 * it, so a retry of a save whose answer was lost is not a conflict with oneself. Kept a week.
 */
export const briefSaveKeys = pgTable(
  'brief_save_keys',
  {
    key: uuid('key').primaryKey(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('brief_save_keys_updated_at').on(t.updatedAt)],
);

/** Who has a brief open right now: a short lease, refreshed while the editor page is open. */
export const briefPresence = pgTable(
  'brief_presence',
  {
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.briefId, t.userId] }),
    index('brief_presence_expires_at').on(t.expiresAt),
  ],
);

export const approvalKind = pgEnum('approval_kind', approvalKinds);

/** A reviewer's confirmation of one exact version (by id and content hash), with its date. */
export const approvals = pgTable(
  'approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => briefVersions.id),
    contentHash: text('content_hash').notNull(),
    kind: approvalKind('kind').notNull(),
    approvedBy: uuid('approved_by')
      .notNull()
      .references(() => users.id),
    checkedOn: date('checked_on').notNull(),
    verifiedSourceIds: jsonb('verified_source_ids').$type<string[]>().notNull(),
    /**
     * For each verified source, the SHA-256 of the captured content the reviewer had (null:
     * none); empty in approvals made before captures existed.
     */
    verifiedCaptures: jsonb('verified_captures')
      .$type<Record<string, string | null>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('approvals_brief').on(t.briefId, t.createdAt)],
);

export const correctionKind = pgEnum('correction_kind', correctionKinds);

/** Public, dated notes added after publication. Append-only (a trigger refuses changes). */
export const corrections = pgTable(
  'corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    kind: correctionKind('kind').notNull(),
    note: text('note').notNull(),
    /** The newsroom's calendar date when the note was added. */
    notedOn: date('noted_on').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('corrections_brief').on(t.briefId, t.createdAt),
    check('corrections_note_not_blank', sql`length(btrim(${t.note})) > 0`),
  ],
);

/** Every workflow transition and publication event. Append-only (a trigger refuses changes). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    action: text('action').notNull(),
    versionNumber: integer('version_number'),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_brief').on(t.briefId, t.id)],
);

export const captureState = pgEnum('capture_state', captureStates);

/**
 * What a captured address answered, once per content (its SHA-256): the bytes, compressed
 * (Brotli), and the readable text taken from them. Never shown to the public.
 */
export const captureContents = pgTable(
  'capture_contents',
  {
    sha256: text('sha256').primaryKey(),
    mediaType: text('media_type'),
    byteLength: integer('byte_length').notNull(),
    compressed: bytea('compressed').notNull(),
    /** Null when no text could be read from it (an image, a scanned PDF). */
    readableText: text('readable_text'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('capture_contents_sha256', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);

/**
 * Each capture of a source's address: asked for when a source is saved with a URL or on demand,
 * taken by the capture worker (lib/sources/captures). A source is named by its id in the brief's
 * document. `claimedAt` marks a capture a worker is taking; one left claimed by a worker that
 * died is taken again after a while.
 */
export const sourceCaptures = pgTable(
  'source_captures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    sourceId: text('source_id').notNull(),
    url: text('url').notNull(),
    state: captureState('state').notNull().default('pending'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }),
    httpStatus: integer('http_status'),
    finalUrl: text('final_url'),
    contentSha256: text('content_sha256').references(() => captureContents.sha256),
    /** Why it failed (safeFetch's reason, or `http` for an error status), and in words. */
    failureReason: text('failure_reason'),
    failureMessage: text('failure_message'),
  },
  (t) => [
    index('source_captures_source').on(t.briefId, t.sourceId, t.requestedAt),
    index('source_captures_pending').on(t.requestedAt).where(sql`${t.state} = 'pending'`),
    check(
      'source_captures_outcome',
      sql`(${t.state} = 'pending') or (${t.fetchedAt} is not null and (${t.state} = 'failed') = (${t.failureReason} is not null))`,
    ),
  ],
);

/**
 * Whether a quote occurs in a captured content's readable text (lib/sources/quote-match), kept
 * once per content and quote (the SHA-256 of the quote's comparable form): the review screen
 * reads these rows instead of every page's text at every render.
 */
export const quoteChecks = pgTable(
  'quote_checks',
  {
    contentSha256: text('content_sha256')
      .notNull()
      .references(() => captureContents.sha256),
    quoteKey: text('quote_key').notNull(),
    found: boolean('found').notNull(),
    before: text('before'),
    match: text('match'),
    after: text('after'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.contentSha256, t.quoteKey] }),
    check(
      'quote_checks_passage',
      sql`${t.found} = (${t.match} is not null and ${t.before} is not null and ${t.after} is not null)`,
    ),
  ],
);

export const archiveState = pgEnum('archive_state', archiveStates);

/**
 * Each request to the archive service (FACTDESK_ARCHIVE_ENDPOINT) for a copy of a cited address
 * that had no archive URL when its brief was published, taken by the capture worker
 * (lib/sources/archives). The copy found is shown beside the source; the published version is
 * never changed. `claimedAt` as for captures.
 */
export const sourceArchives = pgTable(
  'source_archives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    sourceId: text('source_id').notNull(),
    url: text('url').notNull(),
    state: archiveState('state').notNull().default('pending'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The copy, and when the archive took it (its timestamp). */
    archiveUrl: text('archive_url'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    failureMessage: text('failure_message'),
  },
  (t) => [
    index('source_archives_source').on(t.briefId, t.sourceId, t.requestedAt),
    index('source_archives_pending').on(t.requestedAt).where(sql`${t.state} = 'pending'`),
    check(
      'source_archives_outcome',
      sql`(${t.state} = 'pending') or (${t.finishedAt} is not null and (${t.state} = 'archived') = (${t.archiveUrl} is not null and ${t.archivedAt} is not null) and (${t.state} = 'failed') = (${t.failureMessage} is not null))`,
    ),
  ],
);

/**
 * A reviewer's `Verified [n]` ticks on a version being checked, saved as they are made (a
 * reload keeps them). No row: the box starts as the carry-over rule says (lib/workflow/ticks).
 */
export const reviewTicks = pgTable(
  'review_ticks',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => briefVersions.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sourceId: text('source_id').notNull(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    ticked: boolean('ticked').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.reviewerId, t.sourceId] })],
);

/**
 * A finished review of a version (approved, or sent back with changes requested): the sources
 * its reviewer had ticked, each with the fingerprint of its record, capture and citing
 * sentences then, and the review it was carried over from, if it was. The next review of the
 * brief starts from it.
 */
export const completedReviews = pgTable(
  'completed_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => briefVersions.id),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    outcome: text('outcome').notNull(),
    approvalId: uuid('approval_id').references(() => approvals.id),
    ticked: jsonb('ticked')
      .$type<Record<string, { fingerprint: string; carriedOverFrom: string | null }>>()
      .notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('completed_reviews_brief').on(t.briefId, t.createdAt),
    check(
      'completed_reviews_outcome',
      sql`${t.outcome} in ('approved', 'changes_requested') and (${t.outcome} = 'approved') = (${t.approvalId} is not null)`,
    ),
  ],
);

export const scheduleState = pgEnum('schedule_state', scheduleStates);

/**
 * A publication planned for a time: exactly the approved version named, under the approval it
 * had when scheduled. At most one waits per brief; the job that publishes it (lib/scheduling)
 * finishes the row in the same transaction as the publication, so it happens once.
 */
export const publicationSchedules = pgTable(
  'publication_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => briefVersions.id),
    approvalId: uuid('approval_id')
      .notNull()
      .references(() => approvals.id),
    publishAt: timestamp('publish_at', { withTimezone: true }).notNull(),
    state: scheduleState('state').notNull().default('scheduled'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who cancelled it (null when it ran or failed by itself). */
    finishedBy: uuid('finished_by').references(() => users.id),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Why it was not published, in words. */
    failureMessage: text('failure_message'),
    /**
     * What readers are told when it replaces a version published before: a note's kind (with
     * `changeNote`) or `typo` (no note); null for a first publication. Checked when scheduled.
     */
    changeKind: text('change_kind'),
    changeNote: text('change_note'),
    /**
     * The version readers saw when it was scheduled (null: none). Publication changed since (an
     * unpublish, a publication by hand) means the schedule no longer stands.
     */
    publicVersionId: uuid('public_version_id').references(() => briefVersions.id),
  },
  (t) => [
    uniqueIndex('publication_schedules_one_waiting')
      .on(t.briefId)
      .where(sql`${t.state} = 'scheduled'`),
    index('publication_schedules_due').on(t.publishAt).where(sql`${t.state} = 'scheduled'`),
    check(
      'publication_schedules_finished',
      sql`(${t.state} = 'scheduled') = (${t.finishedAt} is null) and (${t.state} = 'failed') = (${t.failureMessage} is not null)`,
    ),
    check(
      'publication_schedules_change',
      sql`(${t.changeKind} is null or ${t.changeKind} in ('typo', 'correction', 'clarification', 'update')) and (${t.changeKind} is null or ${t.changeKind} = 'typo') = (${t.changeNote} is null)`,
    ),
  ],
);

/** Something a person is told of in the newsroom (and by email, if they chose it). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKind('kind').notNull(),
    briefId: uuid('brief_id').references(() => briefs.id, { onDelete: 'cascade' }),
    /** One sentence, plain text: what happened and to what. */
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** Set when the email went out (only for the kinds the person chose). */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user').on(t.userId, t.createdAt.desc()),
    index('notifications_unread').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

export const webhookEvent = pgEnum('webhook_event', webhookEvents);

/** An endpoint told of publication events, signed per Standard Webhooks with its secret. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url').notNull(),
    events: webhookEvent('events').array().notNull(),
    /** `whsec_` and base64: shown to the admin who adds it, and used to sign every delivery. */
    secret: text('secret').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [check('webhooks_has_events', sql`cardinality(${t.events}) > 0`)],
);

export const deliveryState = pgEnum('delivery_state', deliveryStates);

/** One event sent (or being sent) to one webhook, with the last answer it got. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: webhookEvent('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    state: deliveryState('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    responseStatus: integer('response_status'),
    /** The start of the last answer's body, or why there was none. */
    responseExcerpt: text('response_excerpt'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('webhook_deliveries_webhook').on(t.webhookId, t.createdAt.desc())],
);

export const sourceCheckStatus = pgEnum('source_check_status', sourceCheckStatuses);

/**
 * Each check of a published brief's source after publication (lib/monitoring): what the
 * address answered, classified against the capture the reviewer approved. The content is kept
 * when it differs, for the diff shown to the newsroom.
 */
export const sourceChecks = pgTable(
  'source_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    sourceId: text('source_id').notNull(),
    url: text('url').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
    status: sourceCheckStatus('status').notNull(),
    httpStatus: integer('http_status'),
    finalUrl: text('final_url'),
    /** In words: what was found (the redirect target, the error, the share of text changed). */
    message: text('message').notNull(),
    /** The approved capture's content it was compared with, and the content found. */
    approvedSha256: text('approved_sha256').references(() => captureContents.sha256),
    contentSha256: text('content_sha256').references(() => captureContents.sha256),
  },
  (t) => [
    index('source_checks_source').on(t.briefId, t.sourceId, t.checkedAt.desc()),
    index('source_checks_checked_at').on(t.checkedAt),
    // The desk's "Sources needing attention" starts from these few (lib/monitoring/queries.ts):
    // the findings that need it, and the outages and refusals that leave an older one standing.
    index('source_checks_attention')
      .on(t.checkedAt)
      .where(
        sql`${t.status} in ('gone', 'changed', 'quote_missing', 'retrying', 'unreachable', 'skipped')`,
      ),
  ],
);

/**
 * A comment thread on a passage of a brief's working copy (lib/comments): where it is anchored
 * in its part (offsets in the part's anchor text, lib/content/anchor-text), the text it was
 * about and a little of the text either side (to find it again), whether that text was deleted
 * (`detached`: the thread stays, with its quote), and whether it is resolved. Comments are not
 * content: nothing here touches a brief's row or a version, and no public output reads them.
 */
export const commentThreads = pgTable(
  'comment_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    briefId: uuid('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    part: text('part').notNull(),
    anchorStart: integer('anchor_start').notNull(),
    anchorEnd: integer('anchor_end').notNull(),
    quote: text('quote').notNull(),
    prefix: text('prefix').notNull().default(''),
    suffix: text('suffix').notNull().default(''),
    detached: boolean('detached').notNull().default(false),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
  },
  (t) => [
    // A brief's threads, and its open ones (approval counts them).
    index('comment_threads_brief').on(t.briefId, t.resolvedAt),
    check('comment_threads_part', sql`${t.part} in ('summary', 'body', 'limitations')`),
    check(
      'comment_threads_anchor',
      sql`0 <= ${t.anchorStart} and ${t.anchorStart} <= ${t.anchorEnd}`,
    ),
    check('comment_threads_quote', sql`char_length(${t.quote}) between 1 and 5000`),
    check(
      'comment_threads_context',
      sql`char_length(${t.prefix}) <= 64 and char_length(${t.suffix}) <= 64`,
    ),
    check('comment_threads_resolved', sql`(${t.resolvedAt} is null) = (${t.resolvedBy} is null)`),
  ],
);

/** A comment in a thread: the first one starts it, the others are replies. */
export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => commentThreads.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('comments_thread').on(t.threadId, t.createdAt),
    check(
      'comments_body',
      sql`char_length(${t.body}) between 1 and 5000 and length(btrim(${t.body})) > 0`,
    ),
  ],
);

/**
 * The newsroom's settings that admins change at /desk/settings (one row): the site's name and
 * disclaimer (null: the environment's default) and the rating scale of claim reviews, best first.
 */
export const siteSettings = pgTable(
  'site_settings',
  {
    id: boolean('id').primaryKey().default(true),
    siteName: text('site_name'),
    disclaimer: text('disclaimer'),
    ratingScale: jsonb('rating_scale').$type<JsonColumn<'ratingScale'>>(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('site_settings_one_row', sql`${t.id}`)],
);

export const sitePageKind = pgEnum('site_page_kind', sitePageKinds);

/** The public pages the newsroom writes (methodology, corrections policy): every saved text, kept. */
export const sitePageVersions = pgTable(
  'site_page_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    page: sitePageKind('page').notNull(),
    number: integer('number').notNull(),
    content: jsonb('content').$type<JsonColumn<'richText'>>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('site_page_versions_number').on(t.page, t.number),
    check('site_page_versions_number_positive', sql`${t.number} > 0`),
  ],
);

export const readerReportKind = pgEnum('reader_report_kind', readerReportKinds);
export const readerReportStatus = pgEnum('reader_report_status', readerReportStatuses);

/**
 * What readers send from the public site: an error in a brief (with the version they read) or a
 * question to check. Only the newsroom reads them (/desk/reports); no public page shows any.
 */
export const readerReports = pgTable(
  'reader_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: readerReportKind('kind').notNull(),
    briefId: uuid('brief_id').references(() => briefs.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id').references(() => briefVersions.id),
    message: text('message').notNull(),
    email: text('email'),
    status: readerReportStatus('status').notNull().default('new'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reader_reports_queue').on(t.status, t.createdAt),
    index('reader_reports_brief').on(t.briefId, t.createdAt),
    check(
      'reader_reports_error_names_brief',
      sql`${t.kind} <> 'error' or (${t.briefId} is not null and ${t.versionId} is not null)`,
    ),
    check('reader_reports_message', sql`char_length(${t.message}) between 1 and 5000`),
    check('reader_reports_email', sql`${t.email} is null or char_length(${t.email}) <= 254`),
  ],
);

/** Every change of a report's status, by whom and when (append-only). */
export const readerReportEvents = pgTable(
  'reader_report_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => readerReports.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    fromStatus: readerReportStatus('from_status').notNull(),
    toStatus: readerReportStatus('to_status').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reader_report_events_report').on(t.reportId, t.id)],
);

/**
 * How many reports each address sent in its current window (lib/reports): shared by every
 * instance, so that the limit holds behind a load balancer.
 */
export const readerReportThrottle = pgTable(
  'reader_report_throttle',
  {
    key: text('key').primaryKey(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('reader_report_throttle_window_started_at').on(t.windowStartedAt)],
);
