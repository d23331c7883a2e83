import type { UserRole } from '@/db/enums';

/** The signed-in person on whose behalf something is done, re-read from the users table. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/**
 * The command line or the seed: an operator with direct database access, acting as no person
 * (audit logs show no actor). The app never holds one (lint keeps `systemActor` out of app/).
 */
export interface SystemActor {
  kind: 'system';
  via: 'command-line' | 'seed';
}

export function systemActor(via: SystemActor['via']): SystemActor {
  return { kind: 'system', via };
}

export function isSystemActor(actor: Actor | SystemActor): actor is SystemActor {
  return 'kind' in actor && actor.kind === 'system';
}

type Holder = UserRole | 'system';

/** Who may do what. The single permission table: the UI asks it to hide, lib asks it to refuse. */
const permissionTable = {
  'desk.view': ['editor', 'reviewer', 'admin'],
  'account.changePassword': ['editor', 'reviewer', 'admin'],
  'account.signOutEverywhere': ['editor', 'reviewer', 'admin'],
  // One's own notifications: reading them, marking them read, choosing which come by email.
  'notifications.view': ['editor', 'reviewer', 'admin'],
  // The command line adds people too (the first admin of an installation).
  'users.manage': ['admin', 'system'],
  // Choosing whom to act for: the command line's import, which has no session.
  'users.actAs': ['system'],
  'briefs.view': ['editor', 'reviewer', 'admin'],
  'briefs.edit': ['editor', 'reviewer', 'admin'],
  'briefs.submit': ['editor', 'reviewer', 'admin'],
  // Reading what is in review, asking for changes.
  'briefs.review': ['reviewer', 'admin'],
  'briefs.approve': ['reviewer', 'admin'],
  'briefs.recheck': ['reviewer', 'admin'],
  'briefs.publish': ['reviewer', 'admin'],
  'briefs.unpublish': ['admin'],
  // Publishing again what an admin took down undoes their decision: admins only, with a note.
  'briefs.republish': ['admin'],
  'briefs.correct': ['reviewer', 'admin'],
  // Choosing who reviews a brief in review (among those the two-person rule allows).
  'briefs.assign': ['editor', 'reviewer', 'admin'],
  // Putting a never-published brief away, and bringing it back: editors, their own briefs only.
  'briefs.archive': ['editor', 'reviewer', 'admin'],
  // Comment threads on a brief (not content): reading them; starting, answering, resolving them.
  'comments.view': ['editor', 'reviewer', 'admin'],
  'comments.write': ['editor', 'reviewer', 'admin'],
  // The background jobs at /desk/jobs: seeing them, retrying a failed one.
  'jobs.manage': ['admin'],
  // Webhooks at /desk/settings: adding, removing, reading their deliveries.
  'webhooks.manage': ['admin'],
  // The rest of /desk/settings: the site's name and disclaimer, the rating scale of claim
  // reviews, the methodology and corrections policy pages.
  'settings.manage': ['admin'],
  // What readers send (/desk/reports): reading it (it may hold their email) and handling it.
  'reports.manage': ['reviewer', 'admin'],
} as const satisfies Record<string, readonly Holder[]>;

export type Permission = keyof typeof permissionTable;

/** The version a reviewer approves, or confirms again: who wrote it decides who may. */
export interface VersionUnderCheck {
  number: number;
  /** Everyone who wrote part of its text that no approval has checked since. */
  contributorIds: readonly string[];
}

/** What publishing depends on: whether an admin took the brief down after it was public. */
export interface BriefPublication {
  published: boolean;
  firstPublishedAt: Date | null;
}

/** The resource a permission is asked about; permissions not listed depend on the role only. */
export interface PermissionResources {
  'briefs.approve': { version: VersionUnderCheck };
  'briefs.recheck': { version: VersionUnderCheck };
  'briefs.publish': { brief: BriefPublication };
  'briefs.archive': { brief: { authorIds: readonly string[] } };
}

/** The resource argument: required where the permission's rules look at it, absent otherwise. */
export type ResourceArgument<P extends Permission> = P extends keyof PermissionResources
  ? [resource: PermissionResources[P]]
  : [];

/** Why not, in words the person can act on. */
export interface Refusal {
  reason: 'role' | 'two-person rule' | 'unpublished by an admin';
  message: string;
}

export type Decision = { allowed: true } | { allowed: false; refusal: Refusal };

const allowed: Decision = { allowed: true };
const refused = (refusal: Refusal): Decision => ({ allowed: false, refusal });

/** Two-person rule (nobody is exempt): whoever wrote part of a version may not check it. */
function notAContributor(actor: Actor, version: VersionUnderCheck, verb: string): Decision {
  return version.contributorIds.includes(actor.id)
    ? refused({
        reason: 'two-person rule',
        message: `You wrote part of version ${version.number}, so someone else must ${verb} it (two-person rule).`,
      })
    : allowed;
}

/** The rules that look at the resource, once the role allows the permission. */
const resourceRules: {
  [P in keyof PermissionResources]: (actor: Actor, resource: PermissionResources[P]) => Decision;
} = {
  'briefs.approve': (actor, { version }) => notAContributor(actor, version, 'approve'),
  'briefs.recheck': (actor, { version }) => notAContributor(actor, version, 're-check'),
  'briefs.publish': (actor, { brief }) =>
    brief.firstPublishedAt !== null && !brief.published && !can(actor, 'briefs.republish')
      ? refused({
          reason: 'unpublished by an admin',
          message: 'An admin unpublished this brief: only an admin can publish it again.',
        })
      : allowed,
  'briefs.archive': (actor, { brief }) =>
    actor.role === 'editor' && !brief.authorIds.includes(actor.id)
      ? refused({
          reason: 'role',
          message: 'Only its authors, reviewers and admins can archive or restore this brief.',
        })
      : allowed,
};

/**
 * Whether the actor's role holds the permission, before any rule about a resource: "could this
 * person ever?", for what a page offers. Deciding on a brief takes `can` with the resource.
 */
export function holdsRole(
  actor: Actor | SystemActor | null | undefined,
  permission: Permission,
): boolean {
  if (!actor) return false;
  const holder: Holder = isSystemActor(actor) ? 'system' : actor.role;
  return (permissionTable[permission] as readonly Holder[]).includes(holder);
}

const refusedByRole = refused({
  reason: 'role',
  message: 'You do not have permission to do that.',
});

/** Whether the actor may do it (given the resource its rules look at), and if not, why. */
export function decide<P extends Permission>(
  actor: Actor | SystemActor | null | undefined,
  permission: P,
  ...[resource]: ResourceArgument<P>
): Decision {
  if (!actor || !holdsRole(actor, permission)) return refusedByRole;
  if (!(permission in resourceRules)) return allowed;
  // The rules are about people (who wrote what): an operator is never given these.
  if (isSystemActor(actor) || resource === undefined) return refusedByRole;
  const rule = resourceRules[permission as keyof PermissionResources] as (
    actor: Actor,
    resource: unknown,
  ) => Decision;
  return rule(actor, resource);
}

export function can<P extends Permission>(
  actor: Actor | SystemActor | null | undefined,
  permission: P,
  ...resource: ResourceArgument<P>
): boolean {
  return decide(actor, permission, ...resource).allowed;
}
