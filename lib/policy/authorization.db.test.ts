import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { notifications } from '@/db/schema';
import {
  createBrief,
  createImportedBrief,
  previewImportedBrief,
  restoreVersion,
  saveBrief,
  touchPresence,
} from '@/lib/briefs/mutations';
import { getBriefForEditing, getVersion, listVersions } from '@/lib/briefs/queries';
import {
  replyToThread,
  setThreadResolved,
  startThread,
  updateThreadAnchors,
} from '@/lib/comments/mutations';
import { countOpenThreads, listColleagues, listThreads } from '@/lib/comments/queries';
import { findDuplicateQuestions } from '@/lib/desk/duplicates';
import { countDeskTabs, getBriefHeadline, listDeskBriefs, listDeskPeople } from '@/lib/desk/list';
import {
  archiveBrief,
  assignReviewer,
  getArchiveStatus,
  listAssignableReviewers,
  restoreFromArchive,
} from '@/lib/desk/mutations';
import { firstPageView } from '@/lib/desk/view';
import { ForbiddenError, InvalidError, NotFoundError } from '@/lib/errors';
import { listJobs, retryJob } from '@/lib/jobs/admin';
import { sendJob } from '@/lib/jobs/queue';
import { setReviewInterval } from '@/lib/monitoring/mutations';
import {
  getSourceWatch,
  listBriefIdsNeedingAttention,
  listRecheckDue,
  listSourcesNeedingAttention,
} from '@/lib/monitoring/queries';
import { markAllRead, markRead, setEmailPreferences } from '@/lib/notifications/mutations';
import { notify } from '@/lib/notifications/notify';
import { emailPreferences, listNotifications, unreadCount } from '@/lib/notifications/queries';
import { getArticleForStaff } from '@/lib/publication/article-context';
import {
  addCorrection,
  publishBrief,
  recheckBrief,
  unpublishBrief,
} from '@/lib/publication/mutations';
import {
  countReaderReports,
  getReaderReport,
  listReaderReports,
  setReaderReportStatus,
} from '@/lib/reports/reports';
import { readersQuestion } from '@/lib/reports/test-reports';
import { cancelSchedule, schedulePublication } from '@/lib/scheduling/mutations';
import { scheduleOf } from '@/lib/scheduling/queries';
import {
  getSitePage,
  getSitePageVersion,
  listSitePageVersions,
  saveSitePage,
} from '@/lib/settings/pages';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { getSiteIdentity, updateRatingScale, updateSiteIdentity } from '@/lib/settings/site';
import { latestArchives } from '@/lib/sources/archives';
import {
  getCapture,
  latestCaptures,
  requestCaptureAgain,
  requestMissingCaptures,
} from '@/lib/sources/captures';
import { fetchSourceDetails } from '@/lib/sources/details';
import { checkQuotes } from '@/lib/sources/quote-checks';
import { listUserActivity } from '@/lib/users/audit';
import {
  changeOwnPassword,
  changeUserRole,
  createUser,
  resetUserPassword,
  setUserDisabled,
  signOutEverywhere,
} from '@/lib/users/mutations';
import { listUsers, personToActFor } from '@/lib/users/queries';
import type { UserRole } from '@/lib/users/schemas';
import { createTestPerson } from '@/lib/users/test-people';
import { addWebhook, removeWebhook } from '@/lib/webhooks/mutations';
import { listDeliveries, listWebhooks } from '@/lib/webhooks/queries';
import { approveBrief, requestChanges, submitForReview } from '@/lib/workflow/mutations';
import { getVersionToCheck, getWorkflow, listReviewQueue } from '@/lib/workflow/queries';
import { getReviewTicks, setReviewTick } from '@/lib/workflow/ticks';
import { decide, type Permission, type PermissionResources, systemActor } from './policy';
import {
  approvedBrief,
  type BriefFixture,
  briefInReview,
  type Caller,
  completeDocument,
  draftBrief,
  publishedBrief,
  unpublishedBrief,
  verifiedAll,
} from './test-briefs';

/**
 * Every exported function of lib's mutations and queries, and every other lib function that
 * takes an actor, called as every role, as the system actor and as nobody: each is refused
 * exactly when the policy says no (ForbiddenError, or InvalidError for the two-person rule) and
 * works otherwise. A new such export without a row here fails the first test.
 */

// biome-ignore lint/suspicious/noExplicitAny: each row calls a function with its own signature.
type AnyCaller = any;

interface Row {
  /** The exported function this row calls. */
  name: string;
  /** What is special about this case, when a function has several. */
  case?: string;
  permission: Permission;
  /** The brief the call works on, made afresh for each caller. */
  setup?: (caller: Caller) => Promise<BriefFixture>;
  /** The resource the policy is asked about, for the permissions that have one. */
  resource?: (fixture: BriefFixture) => PermissionResources[keyof PermissionResources];
  call: (caller: AnyCaller, fixture: BriefFixture) => Promise<unknown>;
}

const today = '2026-11-27';
const inAnHour = () => new Date(Date.now() + 3_600_000);

/** Approved, its publication scheduled by a reviewer of its own. */
async function scheduledBrief(): Promise<BriefFixture> {
  const fixture = await approvedBrief();
  await schedulePublication(await createTestPerson('reviewer'), fixture.id, {
    versionNumber: fixture.version.number,
    publishAt: inAnHour(),
  });
  return fixture;
}
/** A comment on a brief's body, for each caller to answer, resolve or move. */
const commentAnchor = {
  part: 'body',
  start: 0,
  end: 9,
  quote: 'Officials',
  prefix: '',
  suffix: ' disagree.',
} as const;
/** The thread each draft of draftWithThread has, by the draft's id. */
const threadOf = new Map<string, string>();
/** A draft with a comment thread started by someone of its own. */
async function draftWithThread(): Promise<BriefFixture> {
  const fixture = await draftBrief();
  const thread = await startThread(await createTestPerson('reviewer'), fixture.id, {
    anchor: commentAnchor,
    body: 'Which officials?',
  });
  threadOf.set(fixture.id, thread.id);
  return fixture;
}
const importText =
  'Is the Great Wall visible from space?\n\nExecutive summary\n\nNo, not with the naked eye [1].\n';

const rows: Row[] = [
  // briefs
  { name: 'createBrief', permission: 'briefs.edit', call: (c) => createBrief(c) },
  {
    name: 'previewImportedBrief',
    permission: 'briefs.edit',
    call: (c) => previewImportedBrief(c, { text: importText, today }),
  },
  {
    name: 'createImportedBrief',
    permission: 'briefs.edit',
    call: (c) => createImportedBrief(c, { text: importText, origin: 'a test', today }),
  },
  {
    name: 'saveBrief',
    permission: 'briefs.edit',
    setup: () => draftBrief(),
    call: (c, f) =>
      saveBrief(c, f.id, {
        baseRevision: f.revision,
        kind: 'save',
        document: completeDocument('A question asked again?'),
      }),
  },
  {
    name: 'restoreVersion',
    permission: 'briefs.edit',
    setup: () => draftBrief(),
    call: (c, f) => restoreVersion(c, f.id, 1),
  },
  {
    name: 'touchPresence',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) => touchPresence(c, f.id),
  },
  {
    name: 'getBriefForEditing',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) => getBriefForEditing(c, f.id),
  },
  {
    name: 'listVersions',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) => listVersions(c, f.id),
  },
  {
    name: 'getVersion',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) => getVersion(c, f.id, 1),
  },
  // the desk: lists, assignment, archive
  {
    name: 'listDeskBriefs',
    permission: 'briefs.view',
    call: (c) => listDeskBriefs(c, { ...firstPageView, q: 'alliance' }),
  },
  { name: 'countDeskTabs', permission: 'briefs.view', call: (c) => countDeskTabs(c) },
  { name: 'listDeskPeople', permission: 'briefs.view', call: (c) => listDeskPeople(c) },
  {
    name: 'getBriefHeadline',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) => getBriefHeadline(c, f.id),
  },
  {
    name: 'listBriefIdsNeedingAttention',
    permission: 'briefs.view',
    call: (c) => listBriefIdsNeedingAttention(c),
  },
  {
    name: 'listAssignableReviewers',
    permission: 'briefs.assign',
    setup: () => briefInReview(),
    call: (c, f) => listAssignableReviewers(c, f.id),
  },
  {
    name: 'assignReviewer',
    permission: 'briefs.assign',
    setup: () => briefInReview(),
    call: async (c, f) =>
      assignReviewer(c, f.id, { reviewerId: (await createTestPerson('reviewer')).id }),
  },
  {
    name: 'archiveBrief',
    permission: 'briefs.archive',
    setup: () => draftBrief(),
    resource: (f) => ({ brief: { authorIds: f.version.contributorIds } }),
    call: (c, f) => archiveBrief(c, f.id),
  },
  {
    name: 'archiveBrief',
    case: 'an author of it',
    permission: 'briefs.archive',
    setup: (caller) => draftBrief(caller),
    resource: (f) => ({ brief: { authorIds: f.version.contributorIds } }),
    call: (c, f) => archiveBrief(c, f.id),
  },
  {
    name: 'restoreFromArchive',
    permission: 'briefs.archive',
    setup: async () => {
      const fixture = await draftBrief();
      await archiveBrief(await createTestPerson('admin'), fixture.id);
      return fixture;
    },
    resource: (f) => ({ brief: { authorIds: f.version.contributorIds } }),
    call: (c, f) => restoreFromArchive(c, f.id),
  },
  {
    name: 'findDuplicateQuestions',
    permission: 'briefs.view',
    call: (c) => findDuplicateQuestions(c, { question: 'Did the alliance promise not to expand?' }),
  },
  {
    name: 'getArchiveStatus',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) => getArchiveStatus(c, f.id),
  },
  // review
  {
    name: 'submitForReview',
    permission: 'briefs.submit',
    setup: () => draftBrief(),
    call: (c, f) => submitForReview(c, f.id),
  },
  {
    name: 'approveBrief',
    permission: 'briefs.approve',
    setup: () => briefInReview(),
    resource: (f) => ({ version: f.version }),
    call: (c, f) =>
      approveBrief(c, f.id, { versionNumber: f.version.number, verifiedSourceIds: verifiedAll }),
  },
  {
    name: 'approveBrief',
    case: 'a version the caller wrote part of',
    permission: 'briefs.approve',
    setup: (caller) => briefInReview(caller),
    resource: (f) => ({ version: f.version }),
    call: (c, f) =>
      approveBrief(c, f.id, { versionNumber: f.version.number, verifiedSourceIds: verifiedAll }),
  },
  {
    name: 'requestChanges',
    permission: 'briefs.review',
    setup: () => briefInReview(),
    call: (c, f) =>
      requestChanges(c, f.id, { versionNumber: f.version.number, comment: 'Cite the treaty.' }),
  },
  {
    name: 'getWorkflow',
    permission: 'briefs.view',
    setup: () => briefInReview(),
    call: (c, f) => getWorkflow(c, f.id),
  },
  { name: 'listReviewQueue', permission: 'briefs.review', call: (c) => listReviewQueue(c) },
  {
    name: 'getVersionToCheck',
    permission: 'briefs.review',
    setup: () => briefInReview(),
    call: (c, f) => getVersionToCheck(c, f.id, 'review'),
  },
  {
    name: 'getReviewTicks',
    permission: 'briefs.review',
    setup: () => briefInReview(),
    call: (c, f) => getReviewTicks(c, f.id, 'review'),
  },
  {
    name: 'setReviewTick',
    permission: 'briefs.review',
    setup: () => briefInReview(),
    call: (c, f) =>
      setReviewTick(c, f.id, {
        purpose: 'review',
        versionNumber: f.version.number,
        sourceId: 'a',
        ticked: true,
      }),
  },
  // comments
  {
    name: 'listThreads',
    permission: 'comments.view',
    setup: () => draftWithThread(),
    call: (c, f) => listThreads(c, f.id),
  },
  {
    name: 'listColleagues',
    permission: 'comments.view',
    setup: () => draftBrief(),
    call: (c) => listColleagues(c),
  },
  {
    name: 'countOpenThreads',
    permission: 'comments.view',
    setup: () => draftWithThread(),
    call: (c, f) => countOpenThreads(c, f.id),
  },
  {
    name: 'startThread',
    permission: 'comments.write',
    setup: () => draftBrief(),
    call: (c, f) => startThread(c, f.id, { anchor: commentAnchor, body: 'Source?' }),
  },
  {
    name: 'replyToThread',
    permission: 'comments.write',
    setup: () => draftWithThread(),
    call: (c, f) => replyToThread(c, f.id, threadOf.get(f.id)!, { body: 'The memo’s.' }),
  },
  {
    name: 'setThreadResolved',
    permission: 'comments.write',
    setup: () => draftWithThread(),
    call: (c, f) => setThreadResolved(c, f.id, threadOf.get(f.id)!, true),
  },
  {
    name: 'updateThreadAnchors',
    permission: 'briefs.edit',
    setup: () => draftWithThread(),
    call: (c, f) =>
      updateThreadAnchors(c, f.id, [
        { threadId: threadOf.get(f.id)!, ...commentAnchor, start: 2, end: 11 },
      ]),
  },
  // sources
  {
    name: 'fetchSourceDetails',
    permission: 'briefs.edit',
    // An address refused before any connection (this machine): the answer is a result at once.
    call: (c) => fetchSourceDetails(c, 'http://127.0.0.1:9/'),
  },
  {
    name: 'requestMissingCaptures',
    permission: 'briefs.edit',
    setup: () => draftBrief(),
    call: (c, f) => requestMissingCaptures(c, f.id),
  },
  {
    name: 'requestCaptureAgain',
    permission: 'briefs.edit',
    setup: () => draftBrief(),
    call: (c, f) => requestCaptureAgain(c, f.id, 'a'),
  },
  {
    name: 'latestCaptures',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) => latestCaptures(c, f.id),
  },
  {
    name: 'getCapture',
    case: 'a capture the brief does not have',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) =>
      getCapture(c, f.id, '00000000-0000-4000-8000-000000000000').catch((error: unknown) => {
        // Found nothing, once allowed: the permission is what this row checks.
        if (error instanceof NotFoundError) return null;
        throw error;
      }),
  },
  {
    name: 'checkQuotes',
    permission: 'briefs.view',
    call: (c) => checkQuotes(c, [{ sha256: '0'.repeat(64), quote: 'A quote.' }]),
  },
  {
    name: 'latestArchives',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) => latestArchives(c, f.id),
  },
  // monitoring
  {
    name: 'listSourcesNeedingAttention',
    permission: 'briefs.review',
    call: (c) => listSourcesNeedingAttention(c),
  },
  { name: 'listRecheckDue', permission: 'briefs.review', call: (c) => listRecheckDue(c) },
  {
    name: 'getSourceWatch',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) => getSourceWatch(c, f.id),
  },
  {
    name: 'setReviewInterval',
    permission: 'briefs.review',
    setup: () => draftBrief(),
    call: (c, f) => setReviewInterval(c, f.id, { reviewIntervalDays: 90 }),
  },
  // publication
  {
    name: 'publishBrief',
    permission: 'briefs.publish',
    setup: () => approvedBrief(),
    resource: (f) => ({ brief: f.brief }),
    call: (c, f) => publishBrief(c, f.id, { versionNumber: f.version.number }),
  },
  {
    name: 'publishBrief',
    case: 'again, after an admin unpublished it',
    permission: 'briefs.publish',
    setup: () => unpublishedBrief(),
    resource: (f) => ({ brief: f.brief }),
    call: (c, f) =>
      publishBrief(c, f.id, {
        versionNumber: f.version.number,
        change: { kind: 'update', note: 'Back after the legal review.' },
      }),
  },
  {
    name: 'recheckBrief',
    permission: 'briefs.recheck',
    setup: () => publishedBrief(),
    resource: (f) => ({ version: f.version }),
    call: (c, f) => recheckBrief(c, f.id, { verifiedSourceIds: verifiedAll }),
  },
  {
    name: 'recheckBrief',
    case: 'a published version the caller wrote part of',
    permission: 'briefs.recheck',
    setup: (caller) => publishedBrief(caller),
    resource: (f) => ({ version: f.version }),
    call: (c, f) => recheckBrief(c, f.id, { verifiedSourceIds: verifiedAll }),
  },
  {
    name: 'unpublishBrief',
    permission: 'briefs.unpublish',
    setup: () => publishedBrief(),
    call: (c, f) => unpublishBrief(c, f.id, { reason: 'Legal review.' }),
  },
  {
    name: 'getArticleForStaff',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    call: (c, f) => getArticleForStaff(c, f.id, completeDocument()),
  },
  {
    name: 'addCorrection',
    permission: 'briefs.correct',
    setup: () => publishedBrief(),
    call: (c, f) => addCorrection(c, f.id, { kind: 'correction', note: 'A date was wrong.' }),
  },
  // scheduled publication
  {
    name: 'schedulePublication',
    permission: 'briefs.publish',
    setup: () => approvedBrief(),
    resource: (f) => ({ brief: f.brief }),
    call: (c, f) =>
      schedulePublication(c, f.id, { versionNumber: f.version.number, publishAt: inAnHour() }),
  },
  {
    name: 'schedulePublication',
    case: 'again, after an admin unpublished it',
    permission: 'briefs.publish',
    setup: () => unpublishedBrief(),
    resource: (f) => ({ brief: f.brief }),
    call: (c, f) =>
      schedulePublication(c, f.id, {
        versionNumber: f.version.number,
        publishAt: inAnHour(),
        change: { kind: 'update', note: 'Back after the legal review.' },
      }),
  },
  {
    name: 'cancelSchedule',
    permission: 'briefs.publish',
    setup: () => scheduledBrief(),
    resource: (f) => ({ brief: f.brief }),
    call: (c, f) => cancelSchedule(c, f.id),
  },
  {
    name: 'scheduleOf',
    permission: 'briefs.view',
    setup: () => scheduledBrief(),
    call: (c, f) => scheduleOf(c, f.id),
  },
  // people
  {
    name: 'createUser',
    permission: 'users.manage',
    call: (c) =>
      createUser(c, {
        name: 'New person',
        email: `new-${crypto.randomUUID()}@example.org`,
        role: 'editor',
        password: undefined,
      }),
  },
  {
    name: 'changeUserRole',
    permission: 'users.manage',
    call: async (c) =>
      changeUserRole(c, { userId: (await createTestPerson('editor')).id, role: 'reviewer' }),
  },
  {
    name: 'setUserDisabled',
    permission: 'users.manage',
    call: async (c) =>
      setUserDisabled(c, { userId: (await createTestPerson('editor')).id, disabled: true }),
  },
  {
    name: 'resetUserPassword',
    permission: 'users.manage',
    call: async (c) =>
      resetUserPassword(c, { userId: (await createTestPerson('editor')).id, password: undefined }),
  },
  {
    name: 'changeOwnPassword',
    permission: 'account.changePassword',
    call: (c) =>
      changeOwnPassword(c, {
        currentPassword: 'a-long-enough-password',
        newPassword: 'another-long-password',
        confirmPassword: 'another-long-password',
      }),
  },
  {
    name: 'signOutEverywhere',
    permission: 'account.signOutEverywhere',
    call: (c) => signOutEverywhere(c),
  },
  {
    name: 'listNotifications',
    permission: 'notifications.view',
    call: (c) => listNotifications(c, { page: 1 }),
  },
  { name: 'unreadCount', permission: 'notifications.view', call: (c) => unreadCount(c) },
  {
    name: 'markRead',
    permission: 'notifications.view',
    call: async (c) => markRead(c, await ownNotification(c)),
  },
  { name: 'markAllRead', permission: 'notifications.view', call: (c) => markAllRead(c) },
  { name: 'emailPreferences', permission: 'notifications.view', call: (c) => emailPreferences(c) },
  {
    name: 'setEmailPreferences',
    permission: 'notifications.view',
    call: (c) => setEmailPreferences(c, ['approved', 'mention']),
  },
  { name: 'listUsers', permission: 'users.manage', call: (c) => listUsers(c) },
  { name: 'listUserActivity', permission: 'users.manage', call: (c) => listUserActivity(c) },
  // jobs
  { name: 'listJobs', permission: 'jobs.manage', call: (c) => listJobs(c, 'failed') },
  {
    name: 'retryJob',
    permission: 'jobs.manage',
    // Allowed callers get past the policy to the job, which has not failed: InvalidError.
    call: async (c) => {
      const id = await sendJob('publish-due', {});
      await retryJob(c, id!).catch((error: unknown) => {
        if (!(error instanceof InvalidError)) throw error;
      });
    },
  },
  // webhooks
  {
    name: 'addWebhook',
    permission: 'webhooks.manage',
    call: (c) => addWebhook(c, { url: 'https://hooks.example.org/in', events: ['published'] }),
  },
  {
    name: 'removeWebhook',
    permission: 'webhooks.manage',
    call: async (c) => removeWebhook(c, await adminsWebhook()),
  },
  { name: 'listWebhooks', permission: 'webhooks.manage', call: (c) => listWebhooks(c) },
  {
    name: 'listDeliveries',
    permission: 'webhooks.manage',
    call: async (c) => listDeliveries(c, await adminsWebhook()),
  },
  // readers' reports
  {
    name: 'listReaderReports',
    permission: 'reports.manage',
    call: (c) => listReaderReports(c, { status: 'new' }),
  },
  { name: 'countReaderReports', permission: 'reports.manage', call: (c) => countReaderReports(c) },
  {
    name: 'getReaderReport',
    permission: 'reports.manage',
    call: async (c) => getReaderReport(c, await readersQuestion()),
  },
  {
    name: 'setReaderReportStatus',
    permission: 'reports.manage',
    call: async (c) => setReaderReportStatus(c, await readersQuestion(), 'in_progress'),
  },
  // settings
  { name: 'getSiteIdentity', permission: 'settings.manage', call: (c) => getSiteIdentity(c) },
  {
    name: 'updateSiteIdentity',
    permission: 'settings.manage',
    call: (c) => updateSiteIdentity(c, { siteName: '', disclaimer: '' }),
  },
  {
    name: 'updateRatingScale',
    permission: 'settings.manage',
    call: (c) => updateRatingScale(c, defaultRatingScale),
  },
  {
    name: 'listSitePageVersions',
    permission: 'settings.manage',
    call: (c) => listSitePageVersions(c, 'methodology'),
  },
  {
    name: 'getSitePageVersion',
    permission: 'settings.manage',
    call: async (c) => getSitePageVersion(c, 'corrections-policy', await writtenSitePage()),
  },
  {
    name: 'saveSitePage',
    permission: 'settings.manage',
    // Based on whatever is current, so that allowed callers save and never conflict.
    call: async (c) =>
      saveSitePage(c, 'methodology', {
        basedOn: (await getSitePage('methodology'))?.number ?? 0,
        content: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'How we work.' }] }],
        },
      }),
  },
  {
    name: 'personToActFor',
    permission: 'users.actAs',
    call: async (c) => personToActFor(c, (await createTestPerson('editor')).email),
  },
];

/** The number of a version of the corrections policy that an admin wrote. */
async function writtenSitePage(): Promise<number> {
  const admin = await createTestPerson('admin');
  const current = (await getSitePage('corrections-policy'))?.number ?? 0;
  const content = {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We correct.' }] }],
  };
  return (await saveSitePage(admin, 'corrections-policy', { basedOn: current, content })).number;
}

/** A webhook an admin added, for each caller to read or remove. */
async function adminsWebhook(): Promise<string> {
  const admin = await createTestPerson('admin');
  return (await addWebhook(admin, { url: 'https://hooks.example.org/in', events: ['published'] }))
    .id;
}

/** A notification of the caller's own (for nobody and the system actor, an id of no one's). */
async function ownNotification(caller: Caller): Promise<string> {
  if (caller === null || !('role' in caller)) return crypto.randomUUID();
  await notify({ kind: 'mention', briefId: null, message: 'Hi.', recipientIds: [caller.id] });
  const [row] = await getDb()
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.userId, caller.id));
  return row!.id;
}

/** Exports of those modules that take no actor, and why that is right. */
const notAskedAboutAnActor: Record<string, string> = {
  VersionConflictError: 'an error class',
  can: 'the policy itself: it answers the question',
  decide: 'the policy itself: it answers the question',
  assertCan: 'the policy itself: it answers the question',
  holdsRole: 'the policy itself: it answers the question',
  assertHoldsRole: 'the policy itself: it answers the question',
  isSystemActor: 'the policy itself: it answers the question',
  findUserByEmail: 'sign-in itself (operator-only, kept out of app/ by lint)',
  recordAudit: 'a step inside the transaction of a guarded change (operator-only)',
  recordUserAudit: 'a step inside the transaction of a guarded change (operator-only)',
  getPublicBrief: 'the public site: published briefs only, for readers',
  listCorrections:
    "a brief's notes, published or not: read only after getPublicBrief's or getArticleForStaff's own check (kept out of app/ by lint)",
  relatedBriefSlugs: 'the public site: published briefs only, for readers',
  listPublicBriefs: 'the public site: published briefs only, for readers',
  searchPublicBriefs: 'the public site: published briefs only, for readers',
  listPublishedSlugs: 'the public site: published briefs only, for readers',
};

const lib = path.join(import.meta.dirname, '..');

/**
 * What must have a row: every function exported by lib's data modules
 * (lib/<layer>/{mutations,queries,audit}.ts), and every function exported anywhere in lib whose
 * first parameter is the actor. Found on disk.
 */
async function exportedFunctions(): Promise<string[]> {
  const names = new Set([...(await dataModuleExports()), ...actorTakingExports()]);
  return [...names].sort();
}

function actorTakingExports(): string[] {
  const names: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/(?<!\.test)\.tsx?$/.test(entry.name) && !entry.name.startsWith('test-')) {
        const source = readFileSync(full, 'utf8');
        for (const match of source.matchAll(
          /export\s+(?:async\s+)?function\s+(\w+)\s*(?:<[^>]*>)?\(\s*actor\s*:/g,
        )) {
          names.push(match[1]!);
        }
      }
    }
  };
  visit(lib);
  return names;
}

async function dataModuleExports(): Promise<string[]> {
  const names: string[] = [];
  for (const layer of readdirSync(lib, { withFileTypes: true })) {
    if (!layer.isDirectory()) continue;
    for (const file of ['mutations.ts', 'queries.ts', 'audit.ts']) {
      const found = readdirSync(path.join(lib, layer.name)).includes(file);
      if (!found) continue;
      const module: Record<string, unknown> = await import(`@/lib/${layer.name}/${file}`);
      for (const [name, value] of Object.entries(module)) {
        if (typeof value === 'function') names.push(name);
      }
    }
  }
  return names;
}

const callers: [string, () => Promise<Caller>][] = [
  ...(['editor', 'reviewer', 'admin'] as UserRole[]).map(
    (role) => [role, () => createTestPerson(role)] as [string, () => Promise<Caller>],
  ),
  ['the system actor', async () => systemActor('command-line')],
  ['nobody', async () => null],
];

describe('authorization of every lib mutation and query', () => {
  it('has a row for every export of lib/*/{mutations,queries,audit}.ts and every function taking an actor', async () => {
    const exported = await exportedFunctions();
    const covered = new Set([...rows.map((row) => row.name), ...Object.keys(notAskedAboutAnActor)]);
    expect(exported.filter((name) => !covered.has(name))).toEqual([]);
    // And no row for something that is gone.
    expect([...covered].filter((name) => !exported.includes(name))).toEqual([]);
  });

  describe.each(
    rows.map((row) => [row.case ? `${row.name} (${row.case})` : row.name, row] as const),
  )('%s', (_label, row) => {
    it.each(callers)('as %s: refused exactly when the policy says so', async (_who, makeCaller) => {
      const caller = await makeCaller();
      const fixture = row.setup ? await row.setup(caller) : (undefined as never);
      const decision = decide(
        caller,
        row.permission as 'briefs.approve',
        row.resource?.(fixture) as never,
      );
      const outcome = await row.call(caller, fixture).then(
        () => 'done',
        (error: unknown) => error,
      );
      if (decision.allowed) {
        expect(outcome).toBe('done');
      } else if (decision.refusal.reason === 'two-person rule') {
        expect(outcome).toBeInstanceOf(InvalidError);
        expect((outcome as Error).message).toBe(decision.refusal.message);
      } else {
        expect(outcome).toBeInstanceOf(ForbiddenError);
        expect((outcome as Error).message).toBe(decision.refusal.message);
      }
    });
  });
});
