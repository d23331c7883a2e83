import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/errors';
import { assertCan } from './authorize';
import { type Actor, can } from './policy';

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

  it('lets every role into the newsroom, change their password and sign out everywhere', () => {
    for (const role of ['editor', 'reviewer', 'admin'] as const) {
      expect(can(person(role), 'desk.view')).toBe(true);
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
