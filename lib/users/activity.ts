/** What the user audit log records, and how each entry reads. Pure. */
import { roleLabels, type UserRole, userRoles } from './schemas';

export const userAuditActions = [
  'added',
  'role_changed',
  'disabled',
  'enabled',
  'password_reset',
  'password_changed',
  'signed_out_everywhere',
] as const;
export type UserAuditAction = (typeof userAuditActions)[number];

const labels: Record<UserAuditAction, string> = {
  added: 'Added',
  role_changed: 'Role changed',
  disabled: 'Disabled',
  enabled: 'Enabled',
  password_reset: 'Password reset',
  password_changed: 'Changed their own password',
  signed_out_everywhere: 'Signed out everywhere',
};

const roleName = (role: string) =>
  (userRoles as readonly string[]).includes(role)
    ? roleLabels[role as UserRole].toLowerCase()
    : role;

/** The note stored with an addition: the role given. */
export const addedNote = (role: UserRole) => role;

/** The note stored with a role change: from and to. */
export const roleChangeNote = (from: UserRole, to: UserRole) => `${from}>${to}`;

/** One entry as a sentence fragment: "Added as editor", "Role changed from editor to admin". */
export function describeUserActivity(entry: { action: string; note: string | null }): string {
  const label = labels[entry.action as UserAuditAction] ?? entry.action;
  if (entry.action === 'added' && entry.note) return `${label} as ${roleName(entry.note)}`;
  if (entry.action === 'role_changed' && entry.note?.includes('>')) {
    const [from, to] = entry.note.split('>') as [string, string];
    return `${label} from ${roleName(from)} to ${roleName(to)}`;
  }
  return label;
}
