import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor, SystemActor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';

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
  return db()
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

/** Internal: the user row behind a sign-in. Not for display. */
export async function findUserByEmail(email: string): Promise<UserRow | undefined> {
  const [row] = await db().select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row;
}

/**
 * Whom the system actor (a command such as `import`, which has no session) acts for: the active
 * person with that email, or the first admin of the installation. Requires `users.actAs`;
 * throws NotFoundError when there is no such person.
 */
export async function personToActFor(actor: SystemActor, email?: string): Promise<Actor> {
  assertCan(actor, 'users.actAs');
  const [row] = email
    ? await db()
        .select()
        .from(users)
        .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.disabled, false)))
    : await db()
        .select()
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
        .orderBy(asc(users.createdAt))
        .limit(1);
  if (!row) {
    throw new NotFoundError(
      email
        ? `No active account has the email ${email}.`
        : 'There is no active admin yet: add one with `npm run users -- add …` or pass --author.',
    );
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
