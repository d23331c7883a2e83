import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { assertCan } from '@/lib/auth/authorize';
import type { Actor } from '@/lib/auth/policy';

export type UserRow = typeof users.$inferSelect;

/** What the user list shows: never the password hash. */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: UserRow['role'];
  disabled: boolean;
  createdAt: Date;
}

/** Everyone, for the admin's user list. Requires `users.manage`. */
export async function listUsers(actor: Actor): Promise<UserSummary[]> {
  assertCan(actor, 'users.manage');
  return getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabled: users.disabled,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.disabled), asc(users.name), asc(users.email));
}

/** Internal: the user row behind a session or a sign-in. Not for display. */
export async function findUserById(id: string): Promise<UserRow | undefined> {
  const [row] = await getDb().select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByEmail(email: string): Promise<UserRow | undefined> {
  const [row] = await getDb()
    .select()
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  return row;
}
