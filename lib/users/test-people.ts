import { type Actor, systemActor } from '@/lib/policy/policy';
import { createUser } from './mutations';
import type { UserRole } from './schemas';
import { startSession } from './session-store';

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

/**
 * The session claims a signed-in cookie of `person` carries (a session started for them), for
 * route handler tests that replace Auth.js' cookie reading with these.
 */
export async function sessionClaimsOf(person: Actor): Promise<Record<string, unknown>> {
  const started = await startSession(person.id);
  return {
    userId: person.id,
    sessionId: started.id,
    sessionVersion: 1,
    sessionRecorded: started.recorded,
    signedInAt: Math.floor(Date.now() / 1000),
  };
}
