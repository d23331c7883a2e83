import { createUserAsOperator } from '@/lib/users/mutations';
import type { UserRole } from '@/lib/users/schemas';
import { getDb } from './client';
import { users } from './schema';

export interface SeededAccount {
  email: string;
  role: UserRole;
  password: string;
}

const demoPeople = [
  { name: 'Ada Admin', email: 'admin@example.com', role: 'admin' },
  { name: 'Eli Editor', email: 'editor@example.com', role: 'editor' },
  { name: 'Rae Reviewer', email: 'reviewer@example.com', role: 'reviewer' },
] as const;

/**
 * Seeds a fresh database (one without any user) with one person of each role, each with a
 * generated password that is returned to be printed once. Returns [] for a database in use.
 */
export async function seedDemoAccounts(): Promise<SeededAccount[]> {
  const [anyone] = await getDb().select({ id: users.id }).from(users).limit(1);
  if (anyone) return [];
  const seeded: SeededAccount[] = [];
  for (const person of demoPeople) {
    const created = await createUserAsOperator({ ...person, password: undefined });
    seeded.push({ email: created.email, role: person.role, password: created.generatedPassword! });
  }
  return seeded;
}
