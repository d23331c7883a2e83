import { type Actor, systemActor } from '@/lib/policy/policy';
import { createUser } from './mutations';
import type { UserRole } from './schemas';

let created = 0;

/** A new person with a unique email, for integration tests; returns them as an actor. */
export async function createTestPerson(role: UserRole = 'editor'): Promise<Actor> {
  created += 1;
  const name = `${role} ${created}`;
  const email = `${role}-${created}-${Date.now()}@example.org`;
  const { id } = await createUser(systemActor('seed'), {
    name,
    email,
    role,
    password: 'a-long-enough-password',
  });
  return { id, email, name, role };
}
