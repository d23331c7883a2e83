import { readdirSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { notifications, users } from '@/db/schema';
import { startThread } from '@/lib/comments/mutations';
import { archiveBrief } from '@/lib/desk/mutations';
import { type Actor, decide, type Permission, type PermissionResources } from '@/lib/policy/policy';
import {
  approvedBrief,
  type BriefFixture,
  briefInReview,
  completeDocument,
  draftBrief,
  publishedBrief,
  unpublishedBrief,
} from '@/lib/policy/test-briefs';
import { readersQuestion } from '@/lib/reports/test-reports';
import { schedulePublication } from '@/lib/scheduling/mutations';
import { getSitePage, saveSitePage } from '@/lib/settings/pages';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { createTestPerson, sessionClaimsOf } from '@/lib/users/test-people';
import { addWebhook } from '@/lib/webhooks/mutations';

/**
 * Every server action and route handler of the app, called as a signed-in editor, reviewer and
 * admin, as a person whose account was disabled after signing in, and as nobody: through the
 * real wrappers (formAction, jsonRoute), the real session check (the session row and the users
 * table) and lib, against the policy. Only Auth.js's cookie reading is replaced: `auth()` hands
 * over the session claims a cookie would carry. A new action or handler without a row fails the
 * first test.
 */

const session = vi.hoisted(() => {
  // forbidden() and unauthorized() need the setting next.config.js turns on.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
  return { claims: null as Record<string, unknown> | null };
});

vi.mock('@/lib/auth', () => ({
  auth: async () => session.claims,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
}));
// The sign-in action names Auth.js's error classes (its package cannot load outside Next).
vi.mock('next-auth', () => ({ AuthError: class extends Error {} }));
// Outside a request, Next's cache has nothing to revalidate.
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

type Who = 'editor' | 'reviewer' | 'admin' | 'disabled' | 'nobody';

/** Signs `who` in for the next calls; returns the actor lib sees (none for the last two). */
async function signIn(who: Who): Promise<Actor | null> {
  session.claims = null;
  if (who === 'nobody') return null;
  const person = await createTestPerson(who === 'disabled' ? 'admin' : who);
  session.claims = await sessionClaimsOf(person);
  if (who !== 'disabled') return person;
  // Disabled after signing in: the cookie is still there, the account is not.
  await getDb().update(users).set({ disabled: true }).where(eq(users.id, person.id));
  return null;
}

type Outcome = 'sign in first' | 'forbidden' | 'done' | { error: string };

interface Row {
  /** `<file under app/>#<export>`. */
  endpoint: string;
  case?: string;
  permission: Permission;
  setup?: (actor: Actor | null) => Promise<BriefFixture>;
  resource?: (fixture: BriefFixture) => PermissionResources[keyof PermissionResources];
  /** A server action's form, or a route handler's request. */
  form?: (fixture: BriefFixture) => Promise<Record<string, string>> | Record<string, string>;
  request?: (fixture: BriefFixture) => { request: Request; params: Record<string, string> };
}

const base = 'http://localhost:3000';
const json = (url: string, body: unknown) =>
  new Request(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const workflow = 'app/(desk)/desk/briefs/[id]/workflow-actions.ts';
const deskActions = 'app/(desk)/desk/briefs/[id]/desk-actions.ts';
const usersActions = 'app/(desk)/desk/users/actions.ts';

/** A job that used all its tries, as pg-boss keeps it. */
async function failedJob(): Promise<string> {
  const [row] = await getDb().execute<{ id: string }>(sql`
    insert into pgboss.job (name, data, state, retry_limit, started_on, completed_on)
    values ('publish-due', '{}', 'failed', 0, now(), now()) returning id`);
  return row!.id;
}
const newPerson = async () => (await createTestPerson('editor')).id;
const scheduling = 'app/(desk)/desk/briefs/[id]/scheduling-actions.ts';
/** An hour from now on the newsroom's clock (UTC here), as the `Publish at` field sends it. */
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);

const notificationsActions = 'app/(desk)/desk/notifications/actions.ts';
/** The notification each draft of notifiedAboutADraft was about, by the draft's id. */
const notificationAbout = new Map<string, string>();
/** A draft, and a notification about it to the caller (to nobody, an id of no one's). */
async function notifiedAboutADraft(actor: Actor | null): Promise<BriefFixture> {
  const fixture = await draftBrief();
  notificationAbout.set(fixture.id, crypto.randomUUID());
  if (actor) {
    const [row] = await getDb()
      .insert(notifications)
      .values({ userId: actor.id, kind: 'mention', briefId: fixture.id, message: 'Hi.' })
      .returning({ id: notifications.id });
    notificationAbout.set(fixture.id, row!.id);
  }
  return fixture;
}

/** A comment on a brief's body, as the editor sends it. */
const commentAnchor = {
  part: 'body',
  start: 0,
  end: 9,
  quote: 'Officials',
  prefix: '',
  suffix: ' disagree.',
};
/** The thread each draft of draftWithThread has, by the draft's id. */
const threadOf = new Map<string, string>();
/** A draft with a comment thread started by someone of its own. */
async function draftWithThread(): Promise<BriefFixture> {
  const fixture = await draftBrief();
  const thread = await startThread(await createTestPerson('reviewer'), fixture.id, {
    anchor: { ...commentAnchor, part: 'body' },
    body: 'Which officials?',
  });
  threadOf.set(fixture.id, thread.id);
  return fixture;
}
const threads = (briefId: string) => `/api/briefs/${briefId}/threads`;

const rows: Row[] = [
  {
    endpoint: 'app/(desk)/desk/actions.ts#createBriefAction',
    permission: 'briefs.edit',
    form: () => ({}),
  },
  {
    endpoint: 'app/(desk)/desk/import/actions.ts#previewImportAction',
    permission: 'briefs.edit',
    form: () => ({ text: 'Is it so?\n\nExecutive summary\n\nNo [1].\n' }),
  },
  {
    endpoint: 'app/(desk)/desk/import/actions.ts#createImportAction',
    permission: 'briefs.edit',
    form: () => ({ text: 'Is it so?\n\nExecutive summary\n\nNo [1].\n', fileName: 'so.txt' }),
  },
  {
    endpoint: 'app/(desk)/desk/briefs/[id]/history/actions.ts#restoreVersionAction',
    permission: 'briefs.edit',
    setup: () => draftBrief(),
    form: (f) => ({ briefId: f.id, number: '1' }),
  },
  {
    endpoint: `${workflow}#submitForReviewAction`,
    permission: 'briefs.submit',
    setup: () => draftBrief(),
    form: (f) => ({ briefId: f.id }),
  },
  {
    endpoint: `${workflow}#approveAction`,
    permission: 'briefs.approve',
    setup: () => briefInReview(),
    resource: (f) => ({ version: f.version }),
    form: (f) => ({
      briefId: f.id,
      versionNumber: `${f.version.number}`,
      verifiedSourceIds: 'a,b',
    }),
  },
  {
    endpoint: `${workflow}#approveAction`,
    case: 'a version the caller wrote part of',
    permission: 'briefs.approve',
    setup: (actor) => briefInReview(actor),
    resource: (f) => ({ version: f.version }),
    form: (f) => ({
      briefId: f.id,
      versionNumber: `${f.version.number}`,
      verifiedSourceIds: 'a,b',
    }),
  },
  {
    endpoint: `${workflow}#requestChangesAction`,
    permission: 'briefs.review',
    setup: () => briefInReview(),
    form: (f) => ({ briefId: f.id, versionNumber: `${f.version.number}`, comment: 'Cite it.' }),
  },
  {
    endpoint: `${workflow}#publishAction`,
    permission: 'briefs.publish',
    setup: () => approvedBrief(),
    resource: (f) => ({ brief: f.brief }),
    form: (f) => ({ briefId: f.id, versionNumber: `${f.version.number}` }),
  },
  {
    endpoint: `${workflow}#publishAction`,
    case: 'again, after an admin unpublished it',
    permission: 'briefs.publish',
    setup: () => unpublishedBrief(),
    resource: (f) => ({ brief: f.brief }),
    form: (f) => ({
      briefId: f.id,
      versionNumber: `${f.version.number}`,
      change: 'update',
      note: 'Back after the legal review.',
    }),
  },
  {
    endpoint: `${workflow}#recheckAction`,
    permission: 'briefs.recheck',
    setup: () => publishedBrief(),
    resource: (f) => ({ version: f.version }),
    form: (f) => ({ briefId: f.id, verifiedSourceIds: 'a,b' }),
  },
  {
    endpoint: `${workflow}#recheckAction`,
    case: 'a published version the caller wrote part of',
    permission: 'briefs.recheck',
    setup: (actor) => publishedBrief(actor),
    resource: (f) => ({ version: f.version }),
    form: (f) => ({ briefId: f.id, verifiedSourceIds: 'a,b' }),
  },
  {
    endpoint: 'app/(desk)/desk/briefs/[id]/monitoring-actions.ts#setReviewIntervalAction',
    permission: 'briefs.review',
    setup: () => publishedBrief(),
    form: (f) => ({ briefId: f.id, reviewIntervalDays: '180' }),
  },
  {
    endpoint: `${workflow}#unpublishAction`,
    permission: 'briefs.unpublish',
    setup: () => publishedBrief(),
    form: (f) => ({ briefId: f.id, reason: 'Legal review.' }),
  },
  {
    endpoint: `${workflow}#addCorrectionAction`,
    permission: 'briefs.correct',
    setup: () => publishedBrief(),
    form: (f) => ({ briefId: f.id, kind: 'correction', note: 'A date was wrong.' }),
  },
  {
    endpoint: `${scheduling}#schedulePublicationAction`,
    permission: 'briefs.publish',
    setup: () => approvedBrief(),
    resource: (f) => ({ brief: f.brief }),
    form: (f) => ({ briefId: f.id, versionNumber: `${f.version.number}`, publishAt: inAnHour() }),
  },
  {
    endpoint: `${scheduling}#schedulePublicationAction`,
    case: 'again, after an admin unpublished it',
    permission: 'briefs.publish',
    setup: () => unpublishedBrief(),
    resource: (f) => ({ brief: f.brief }),
    form: (f) => ({
      briefId: f.id,
      versionNumber: `${f.version.number}`,
      publishAt: inAnHour(),
      change: 'update',
      note: 'Back after the legal review.',
    }),
  },
  {
    endpoint: `${scheduling}#cancelScheduleAction`,
    permission: 'briefs.publish',
    setup: async () => {
      const fixture = await approvedBrief();
      await schedulePublication(await createTestPerson('reviewer'), fixture.id, {
        versionNumber: fixture.version.number,
        publishAt: new Date(Date.now() + 3_600_000),
      });
      return fixture;
    },
    resource: (f) => ({ brief: f.brief }),
    form: (f) => ({ briefId: f.id }),
  },
  {
    endpoint: `${usersActions}#createUserAction`,
    permission: 'users.manage',
    form: () => ({ name: 'New', email: `new-${crypto.randomUUID()}@example.org`, role: 'editor' }),
  },
  {
    endpoint: `${usersActions}#changeRoleAction`,
    permission: 'users.manage',
    form: async () => ({ userId: await newPerson(), role: 'reviewer' }),
  },
  {
    endpoint: `${usersActions}#setDisabledAction`,
    permission: 'users.manage',
    form: async () => ({ userId: await newPerson(), disabled: 'true' }),
  },
  {
    endpoint: `${usersActions}#resetPasswordAction`,
    permission: 'users.manage',
    form: async () => ({ userId: await newPerson() }),
  },
  {
    endpoint: 'app/(desk)/desk/jobs/actions.ts#retryJobAction',
    permission: 'jobs.manage',
    // A failed job each time: allowed callers retry it.
    form: async () => ({ jobId: await failedJob() }),
  },
  {
    endpoint: 'app/(desk)/desk/settings/actions.ts#addWebhookAction',
    permission: 'webhooks.manage',
    form: () => ({ url: 'https://hooks.example.org/in', 'event-published': 'on' }),
  },
  {
    endpoint: 'app/(desk)/desk/settings/actions.ts#removeWebhookAction',
    permission: 'webhooks.manage',
    form: async () => ({
      webhookId: (
        await addWebhook(await createTestPerson('admin'), {
          url: 'https://hooks.example.org/in',
          events: ['published'],
        })
      ).id,
    }),
  },
  {
    endpoint: 'app/(desk)/desk/settings/actions.ts#updateSiteIdentityAction',
    permission: 'settings.manage',
    form: () => ({ siteName: '', disclaimer: '' }),
  },
  {
    endpoint: 'app/(desk)/desk/reports/actions.ts#setReportStatusAction',
    permission: 'reports.manage',
    form: async () => ({ reportId: await readersQuestion(), status: 'in_progress', note: '' }),
  },
  {
    endpoint: 'app/(desk)/desk/settings/actions.ts#updateRatingScaleAction',
    permission: 'settings.manage',
    form: () => ({ scale: JSON.stringify(defaultRatingScale) }),
  },
  {
    endpoint: 'app/(desk)/desk/settings/actions.ts#saveSitePageAction',
    permission: 'settings.manage',
    form: async () => ({
      page: 'methodology',
      basedOn: String((await getSitePage('methodology'))?.number ?? 0),
      content: JSON.stringify({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'How we work.' }] }],
      }),
    }),
  },
  {
    endpoint: 'app/(desk)/desk/settings/actions.ts#restoreSitePageAction',
    permission: 'settings.manage',
    form: async () => {
      const first = (await getSitePage('corrections-policy'))?.number ?? 0;
      const admin = await createTestPerson('admin');
      const content = {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We correct.' }] }],
      };
      const { number } = await saveSitePage(admin, 'corrections-policy', {
        basedOn: first,
        content,
      });
      return { page: 'corrections-policy', number: String(number), basedOn: String(number) };
    },
  },
  {
    endpoint: 'app/(desk)/desk/account/actions.ts#changeOwnPasswordAction',
    permission: 'account.changePassword',
    form: () => ({
      currentPassword: 'a-long-enough-password',
      newPassword: 'another-long-password',
      confirmPassword: 'another-long-password',
    }),
  },
  {
    endpoint: 'app/(desk)/desk/account/actions.ts#signOutEverywhereAction',
    permission: 'account.signOutEverywhere',
    form: () => ({}),
  },
  {
    endpoint: 'app/(desk)/desk/account/actions.ts#saveEmailChoicesAction',
    permission: 'notifications.view',
    form: () => ({ approved: 'on', mention: 'on' }),
  },
  {
    endpoint: `${notificationsActions}#markReadAction`,
    permission: 'notifications.view',
    setup: notifiedAboutADraft,
    form: (f) => ({ notificationId: notificationAbout.get(f.id) ?? '' }),
  },
  {
    endpoint: `${notificationsActions}#markAllReadAction`,
    permission: 'notifications.view',
    form: () => ({}),
  },
  {
    endpoint: 'app/(desk)/desk/notifications/[id]/route.ts#GET',
    permission: 'notifications.view',
    setup: notifiedAboutADraft,
    request: (f) => {
      const id = notificationAbout.get(f.id) ?? '';
      return { request: new Request(`${base}/desk/notifications/${id}`), params: { id } };
    },
  },
  {
    endpoint: 'app/api/briefs/[id]/save/route.ts#POST',
    permission: 'briefs.edit',
    setup: () => draftBrief(),
    request: (f) => ({
      request: json(`/api/briefs/${f.id}/save`, {
        baseRevision: f.revision,
        kind: 'save',
        document: completeDocument('Asked once more?'),
      }),
      params: { id: f.id },
    }),
  },
  {
    endpoint: 'app/api/briefs/[id]/presence/route.ts#POST',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    request: (f) => ({ request: json(`/api/briefs/${f.id}/presence`, {}), params: { id: f.id } }),
  },
  {
    endpoint: 'app/api/briefs/[id]/captures/route.ts#POST',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    request: (f) => ({ request: json(`/api/briefs/${f.id}/captures`, {}), params: { id: f.id } }),
  },
  {
    endpoint: 'app/api/briefs/[id]/captures/again/route.ts#POST',
    permission: 'briefs.edit',
    setup: () => draftBrief(),
    request: (f) => ({
      request: json(`/api/briefs/${f.id}/captures/again`, { sourceId: 'a' }),
      params: { id: f.id },
    }),
  },
  {
    endpoint: 'app/api/briefs/[id]/review-ticks/route.ts#POST',
    permission: 'briefs.review',
    setup: () => briefInReview(),
    request: (f) => ({
      request: json(`/api/briefs/${f.id}/review-ticks`, {
        purpose: 'review',
        versionNumber: f.version.number,
        sourceId: 'a',
        ticked: true,
      }),
      params: { id: f.id },
    }),
  },
  {
    endpoint: 'app/api/briefs/duplicates/route.ts#GET',
    permission: 'briefs.view',
    request: () => ({
      request: new Request(
        `${base}/api/briefs/duplicates?question=${encodeURIComponent('Did the alliance promise not to expand east?')}`,
      ),
      params: {},
    }),
  },
  {
    endpoint: `${deskActions}#assignReviewerAction`,
    permission: 'briefs.assign',
    setup: () => briefInReview(),
    form: async (f) => ({ briefId: f.id, reviewerId: (await createTestPerson('reviewer')).id }),
  },
  {
    endpoint: `${deskActions}#archiveAction`,
    permission: 'briefs.archive',
    setup: () => draftBrief(),
    resource: (f) => ({ brief: { authorIds: f.version.contributorIds } }),
    form: (f) => ({ briefId: f.id }),
  },
  {
    endpoint: `${deskActions}#restoreFromArchiveAction`,
    permission: 'briefs.archive',
    setup: async () => {
      const fixture = await draftBrief();
      await archiveBrief(await createTestPerson('admin'), fixture.id);
      return fixture;
    },
    resource: (f) => ({ brief: { authorIds: f.version.contributorIds } }),
    form: (f) => ({ briefId: f.id }),
  },
  {
    endpoint: 'app/api/briefs/[id]/threads/route.ts#GET',
    permission: 'comments.view',
    setup: () => draftWithThread(),
    request: (f) => ({ request: new Request(`${base}${threads(f.id)}`), params: { id: f.id } }),
  },
  {
    endpoint: 'app/api/briefs/[id]/threads/route.ts#POST',
    permission: 'comments.write',
    setup: () => draftBrief(),
    request: (f) => ({
      request: json(threads(f.id), { anchor: commentAnchor, body: 'Source?' }),
      params: { id: f.id },
    }),
  },
  {
    endpoint: 'app/api/briefs/[id]/threads/[threadId]/replies/route.ts#POST',
    permission: 'comments.write',
    setup: () => draftWithThread(),
    request: (f) => {
      const threadId = threadOf.get(f.id)!;
      return {
        request: json(`${threads(f.id)}/${threadId}/replies`, { body: 'The memo’s.' }),
        params: { id: f.id, threadId },
      };
    },
  },
  {
    endpoint: 'app/api/briefs/[id]/threads/[threadId]/resolution/route.ts#POST',
    permission: 'comments.write',
    setup: () => draftWithThread(),
    request: (f) => {
      const threadId = threadOf.get(f.id)!;
      return {
        request: json(`${threads(f.id)}/${threadId}/resolution`, { resolved: true }),
        params: { id: f.id, threadId },
      };
    },
  },
  {
    endpoint: 'app/api/briefs/[id]/threads/anchors/route.ts#POST',
    permission: 'briefs.edit',
    setup: () => draftWithThread(),
    request: (f) => ({
      request: json(`${threads(f.id)}/anchors`, {
        anchors: [{ threadId: threadOf.get(f.id)!, ...commentAnchor, start: 2, end: 11 }],
      }),
      params: { id: f.id },
    }),
  },
  {
    endpoint: 'app/api/sources/details/route.ts#POST',
    permission: 'briefs.edit',
    // An address refused before any connection (this machine): the answer is a result at once.
    request: () => ({
      request: json('/api/sources/details', { url: 'http://127.0.0.1:9/' }),
      params: {},
    }),
  },
  {
    endpoint: 'app/(desk)/desk/briefs/[id]/export/route.ts#GET',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    request: (f) => ({
      request: new Request(`${base}/desk/briefs/${f.id}/export?format=json`),
      params: { id: f.id },
    }),
  },
  {
    endpoint: 'app/(desk)/desk/briefs/[id]/preview/route.ts#GET',
    permission: 'briefs.view',
    setup: () => draftBrief(),
    request: (f) => ({
      request: new Request(`${base}/desk/briefs/${f.id}/preview`),
      params: { id: f.id },
    }),
  },
];

/** Endpoints open to everyone by design, and why (e2e tests cover what they show). */
const openToEveryone: Record<string, string> = {
  'app/login/actions.ts#signInAction': 'signing in is how one gets an actor',
  'app/(desk)/desk/actions.ts#signOutAction': 'signing out ends whatever session the cookie names',
  'app/api/auth/[...nextauth]/route.ts#GET': 'Auth.js itself',
  'app/api/auth/[...nextauth]/route.ts#POST': 'Auth.js itself',
  'app/(public)/briefs/[slug]/route.ts#GET': 'the public site: published briefs only',
  'app/(public)/feed.xml/route.ts#GET': 'the public site: published briefs only',
  'app/(public)/sitemap.xml/route.ts#GET': 'the public site: published briefs only',
  'app/(public)/robots.txt/route.ts#GET': 'the public site',
  'app/(public)/corrections.xml/route.ts#GET': 'the public site: notes of published briefs only',
  'app/(public)/claimreview.json/route.ts#GET': 'the public site: published claim reviews only',
  'app/(public)/briefs/[slug]/report/route.ts#POST':
    "the public site: readers' error reports (no actor, a limit per address)",
  'app/(public)/suggest/route.ts#POST':
    "the public site: readers' questions (no actor, a limit per address)",
};

const appDir = path.join(import.meta.dirname, '..');

/** Every `*actions.ts` and `route.ts` under app/, with its exported functions. */
async function endpoints(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/(^|-)actions\.ts$|^route\.ts$/.test(entry.name)) {
        const module: Record<string, unknown> = await import(full);
        const file = path.relative(path.join(appDir, '..'), full);
        for (const [name, value] of Object.entries(module)) {
          if (typeof value === 'function') found.push(`${file}#${name}`);
        }
      }
    }
  };
  await walk(appDir);
  return found.sort();
}

async function endpoint(key: string): Promise<(...args: unknown[]) => Promise<unknown>> {
  const [file, name] = key.split('#') as [string, string];
  const module = await import(path.join(appDir, '..', file));
  return module[name];
}

const digestOf = (error: unknown) =>
  typeof error === 'object' && error !== null && 'digest' in error ? String(error.digest) : '';

/** What happened, as a person would tell it. */
async function callAction(row: Row, fixture: BriefFixture): Promise<Outcome> {
  const action = await endpoint(row.endpoint);
  const form = new FormData();
  for (const [key, value] of Object.entries(await row.form!(fixture))) form.set(key, value);
  try {
    const state = (await action({ status: 'idle' }, form)) as { status: string; message?: string };
    return state.status === 'success' ? 'done' : { error: state.message ?? state.status };
  } catch (error) {
    const digest = digestOf(error);
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;401') return 'sign in first';
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;403') return 'forbidden';
    if (digest.startsWith('NEXT_REDIRECT')) return 'done';
    throw error;
  }
}

async function callRoute(row: Row, fixture: BriefFixture): Promise<Outcome> {
  const handler = await endpoint(row.endpoint);
  const { request, params } = row.request!(fixture);
  const response = (await handler(request, { params: Promise.resolve(params) })) as Response;
  if (response.status === 401) return 'sign in first';
  if (response.status === 303 && response.headers.get('location')?.includes('/login')) {
    return 'sign in first';
  }
  if (response.status === 403) return 'forbidden';
  // Done, and sent on elsewhere (an opened notification goes on to its brief).
  if (response.ok || response.status === 303) return 'done';
  return { error: `${response.status} ${await response.text()}` };
}

const everyone: Who[] = ['editor', 'reviewer', 'admin', 'disabled', 'nobody'];

describe('authorization of every server action and route handler', () => {
  it('has a row for every exported action and handler under app/', async () => {
    const found = await endpoints();
    const covered = new Set([...rows.map((row) => row.endpoint), ...Object.keys(openToEveryone)]);
    expect(found.filter((key) => !covered.has(key))).toEqual([]);
    expect([...covered].filter((key) => !found.includes(key))).toEqual([]);
  });

  describe.each(
    rows.map((row) => [row.case ? `${row.endpoint} (${row.case})` : row.endpoint, row] as const),
  )('%s', (_label, row) => {
    it.each(everyone)('as %s: answered as the policy says', async (who) => {
      const actor = await signIn(who);
      // The brief is made before the caller's session matters; the caller may have written it.
      const fixture = row.setup ? await row.setup(actor) : (undefined as never);
      const decision = decide(
        actor,
        row.permission as 'briefs.approve',
        row.resource?.(fixture) as never,
      );
      const outcome = row.form ? await callAction(row, fixture) : await callRoute(row, fixture);
      if (!actor) expect(outcome).toBe('sign in first');
      else if (decision.allowed) expect(outcome).toBe('done');
      else if (decision.refusal.reason === 'two-person rule') {
        expect(outcome).toEqual({ error: decision.refusal.message });
      } else expect(outcome).toBe('forbidden');
    });
  });
});
