/**
 * The values of the database's enum types, as plain constants: the schema builds its enums from
 * them, and lib's pure modules (roles, workflow states and their labels) import them from here
 * without loading drizzle. One list each.
 */
export const userRoles = ['editor', 'reviewer', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];
export const briefStates = ['draft', 'in_review', 'changes_requested', 'approved'] as const;
export const versionKinds = ['autosave', 'save', 'restore', 'import'] as const;
export const approvalKinds = ['approval', 'recheck'] as const;
export const correctionKinds = ['correction', 'clarification', 'update'] as const;
/** A capture of a source's address: waiting for the capture worker, taken, or failed (and why). */
export const captureStates = ['pending', 'captured', 'failed'] as const;
export type CaptureState = (typeof captureStates)[number];
/** A request to the archive service for a copy of a cited address: waiting, made, or failed. */
export const archiveStates = ['pending', 'archived', 'failed'] as const;
export type ArchiveState = (typeof archiveStates)[number];
/** A scheduled publication of one approved version: waiting, done, cancelled, or refused at its time. */
export const scheduleStates = ['scheduled', 'published', 'cancelled', 'failed'] as const;
export type ScheduleState = (typeof scheduleStates)[number];
/** What a person is told of, in the newsroom and (by their choice) by email. */
export const notificationKinds = [
  'submitted',
  'changes_requested',
  'approved',
  'published',
  'schedule_done',
  'schedule_failed',
  'source_attention',
  'mention',
  'comment',
  'assigned',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
/** The events a webhook may subscribe to. */
export const webhookEvents = ['published', 'unpublished', 'rechecked', 'corrected'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
/** A webhook delivery: being tried (with retries), received (2xx), or given up. */
export const deliveryStates = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof deliveryStates)[number];
/**
 * What a check of a published brief's source found (lib/monitoring). `retrying`: it could not
 * be reached, fewer than three times in a row; `skipped`: its robots.txt refuses us.
 */
export const sourceCheckStatuses = [
  'ok',
  'moved',
  'gone',
  'unreachable',
  'changed',
  'quote_missing',
  'retrying',
  'skipped',
] as const;
export type SourceCheckStatus = (typeof sourceCheckStatuses)[number];
/**
 * Checks that say nothing of the page itself: an outage (`retrying`, then `unreachable`: no
 * answer, or an error of the server's) or no fetch (`skipped`). A source's page state is its
 * latest check of any other status, whatever outages followed it: a page found gone stays gone
 * (its archived copy first) while its site is down.
 */
export const unsettledSourceCheckStatuses = [
  'retrying',
  'unreachable',
  'skipped',
] as const satisfies readonly SourceCheckStatus[];
/** What a reader sent from the public site: an error in a brief, or a question to check. */
export const readerReportKinds = ['error', 'question'] as const;
export type ReaderReportKind = (typeof readerReportKinds)[number];
/** Where a reader's report stands in the newsroom's queue (/desk/reports). */
export const readerReportStatuses = ['new', 'in_progress', 'resolved', 'dismissed'] as const;
export type ReaderReportStatus = (typeof readerReportStatuses)[number];
/** The public pages the newsroom writes itself at /desk/settings. */
export const sitePageKinds = ['methodology', 'corrections-policy'] as const;
export type SitePageKind = (typeof sitePageKinds)[number];
