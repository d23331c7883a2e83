import type { UserRole } from '@/lib/users/schemas';

/** The signed-in person on whose behalf something is done, re-read from the users table. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/** Who may do what. The single permission table: the UI asks it to hide, lib asks it to refuse. */
const permissionTable = {
  'desk.view': ['editor', 'reviewer', 'admin'],
  'account.changePassword': ['editor', 'reviewer', 'admin'],
  'account.signOutEverywhere': ['editor', 'reviewer', 'admin'],
  'users.manage': ['admin'],
  'briefs.view': ['editor', 'reviewer', 'admin'],
  'briefs.edit': ['editor', 'reviewer', 'admin'],
  'briefs.submit': ['editor', 'reviewer', 'admin'],
  'briefs.review': ['reviewer', 'admin'],
  'briefs.publish': ['reviewer', 'admin'],
  'briefs.unpublish': ['admin'],
  // Publishing again what an admin took down undoes their decision: admins only, with a note.
  'briefs.republish': ['admin'],
  'briefs.correct': ['reviewer', 'admin'],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof permissionTable;

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  return (permissionTable[permission] as readonly UserRole[]).includes(actor.role);
}
