import { describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidError } from '@/lib/errors';
import { assertCan } from './authorize';
import { type Actor, can, decide, holdsRole, systemActor } from './policy';

const person = (role: Actor['role']): Actor => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: `${role}@example.com`,
  name: role,
  role,
});

describe('permission table', () => {
  it.each([
    ['editor', false],
    ['reviewer', false],
    ['admin', true],
  ] as const)('%s may manage users: %s', (role, allowed) => {
    expect(can(person(role), 'users.manage')).toBe(allowed);
  });

  it.each([
    ['editor', false],
    ['reviewer', false],
    ['admin', true],
  ] as const)(
    '%s may see and retry jobs, manage webhooks and the site settings: %s',
    (role, allowed) => {
      expect(can(person(role), 'jobs.manage')).toBe(allowed);
      expect(can(person(role), 'webhooks.manage')).toBe(allowed);
      expect(can(person(role), 'settings.manage')).toBe(allowed);
    },
  );

  it.each([
    ['editor', false],
    ['reviewer', true],
    ['admin', true],
  ] as const)('%s may read and handle what readers report: %s', (role, allowed) => {
    expect(can(person(role), 'reports.manage')).toBe(allowed);
  });

  it('lets every role into the newsroom, change their password, sign out everywhere and read their notifications', () => {
    for (const role of ['editor', 'reviewer', 'admin'] as const) {
      expect(can(person(role), 'desk.view')).toBe(true);
      expect(can(person(role), 'notifications.view')).toBe(true);
      expect(can(person(role), 'account.changePassword')).toBe(true);
      expect(can(person(role), 'account.signOutEverywhere')).toBe(true);
    }
  });

  it('refuses everything to nobody', () => {
    expect(can(null, 'desk.view')).toBe(false);
    expect(() => assertCan(null, 'desk.view')).toThrow(ForbiddenError);
  });

  it('assertCan throws for a wrong role and returns the actor otherwise', () => {
    expect(() => assertCan(person('editor'), 'users.manage')).toThrow(ForbiddenError);
    expect(assertCan(person('admin'), 'users.manage').role).toBe('admin');
  });
});

describe('rules that look at the resource', () => {
  const reviewer = person('reviewer');
  const admin = person('admin');
  const writtenBy = (...contributorIds: string[]) => ({ version: { number: 4, contributorIds } });

  it('two-person rule: nobody approves or re-checks a version they wrote part of, admins included', () => {
    for (const actor of [reviewer, admin]) {
      expect(can(actor, 'briefs.approve', writtenBy(actor.id))).toBe(false);
      expect(can(actor, 'briefs.recheck', writtenBy('someone-else', actor.id))).toBe(false);
      expect(can(actor, 'briefs.approve', writtenBy('someone-else'))).toBe(true);
      // The role alone: could this person ever approve?
      expect(holdsRole(actor, 'briefs.approve')).toBe(true);
    }
    expect(can(person('editor'), 'briefs.approve', writtenBy('someone-else'))).toBe(false);
  });

  it('says why, and assertCan throws InvalidError with that message for the two-person rule', () => {
    expect(decide(reviewer, 'briefs.recheck', writtenBy(reviewer.id))).toEqual({
      allowed: false,
      refusal: {
        reason: 'two-person rule',
        message: 'You wrote part of version 4, so someone else must re-check it (two-person rule).',
      },
    });
    expect(() => assertCan(reviewer, 'briefs.approve', writtenBy(reviewer.id))).toThrow(
      new InvalidError(
        'You wrote part of version 4, so someone else must approve it (two-person rule).',
      ),
    );
    // A wrong role stays a ForbiddenError, whatever the version.
    expect(() => assertCan(person('editor'), 'briefs.approve', writtenBy('x'))).toThrow(
      ForbiddenError,
    );
  });

  it('only an admin publishes again what was taken down', () => {
    const unpublished = { brief: { published: false, firstPublishedAt: new Date() } };
    const never = { brief: { published: false, firstPublishedAt: null } };
    const live = { brief: { published: true, firstPublishedAt: new Date() } };
    expect(can(reviewer, 'briefs.publish', never)).toBe(true);
    expect(can(reviewer, 'briefs.publish', live)).toBe(true);
    expect(can(reviewer, 'briefs.publish', unpublished)).toBe(false);
    expect(can(admin, 'briefs.publish', unpublished)).toBe(true);
    expect(() => assertCan(reviewer, 'briefs.publish', unpublished)).toThrow(
      new ForbiddenError('An admin unpublished this brief: only an admin can publish it again.'),
    );
  });
});

describe('the system actor (command line, seed)', () => {
  it('may add people and choose whom to act for, and nothing of the newsroom', () => {
    for (const via of ['command-line', 'seed'] as const) {
      const system = systemActor(via);
      expect(can(system, 'users.manage')).toBe(true);
      expect(can(system, 'users.actAs')).toBe(true);
      expect(can(system, 'briefs.view')).toBe(false);
      expect(can(system, 'briefs.edit')).toBe(false);
      expect(can(system, 'desk.view')).toBe(false);
      expect(can(system, 'notifications.view')).toBe(false);
    }
  });

  it('is the only one who may act for someone else', () => {
    for (const role of ['editor', 'reviewer', 'admin'] as const) {
      expect(can(person(role), 'users.actAs')).toBe(false);
    }
  });
});
