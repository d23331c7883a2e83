import postgres from 'postgres';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { systemActor } from '@/lib/policy/policy';
import { createUser } from '@/lib/users/mutations';
import {
  endSession,
  findSessionActor,
  UNRECORDED_SESSION_MAX_AGE_SECONDS,
} from '@/lib/users/session-store';
import { authenticate } from './sign-in';

const PASSWORD = 'a-long-enough-password';
const url = process.env.DATABASE_URL ?? '';
const databaseName = new URL(url).pathname.slice(1);
const admin = postgres(url, { max: 1, onnotice: () => {} });
let run = 0;
let email = '';

/** Makes the database accept no writes (or writes again), for connections opened from now on. */
async function setReadOnly(readOnly: boolean): Promise<void> {
  await admin.unsafe(
    readOnly
      ? `alter database "${databaseName}" set default_transaction_read_only = on`
      : `alter database "${databaseName}" reset default_transaction_read_only`,
  );
  await closeDb();
}

beforeEach(async () => {
  await setReadOnly(false);
  run += 1;
  email = `ro-${run}@example.org`;
  await createUser(systemActor('seed'), { name: 'Ro', email, role: 'editor', password: PASSWORD });
});

afterAll(async () => {
  await setReadOnly(false);
  await admin.end();
});

describe('signing in while the database is read-only', () => {
  it('works, with a session that lasts while the database stays read-only', async () => {
    await setReadOnly(true);
    const result = await authenticate({ email, password: PASSWORD, ip: '10.0.0.9' });
    if (!result.ok) throw new Error(`expected a sign-in, got ${result.reason}`);
    expect(result.session.recorded).toBe(false);
    const claims = {
      userId: result.actor.id,
      sessionId: result.session.id,
      sessionVersion: result.sessionVersion,
      recorded: false,
      signedInAt: Math.floor(Date.now() / 1000),
    };
    expect(await findSessionActor(claims)).toMatchObject({ email, role: 'editor' });
    // Never longer than an hour, nor without knowing when it started.
    const hourAgo = claims.signedInAt - UNRECORDED_SESSION_MAX_AGE_SECONDS - 1;
    expect(await findSessionActor({ ...claims, signedInAt: hourAgo })).toBeNull();
    expect(await findSessionActor({ ...claims, signedInAt: undefined })).toBeNull();
    // Signing out cannot be recorded, but does not fail.
    await endSession(claims.sessionId);

    // Writable again: a session without a row opens nothing (its sign-out may not be recorded).
    await setReadOnly(false);
    expect(await findSessionActor(claims)).toBeNull();
    // Claims of a recorded session with that id open nothing either: there is no row.
    expect(await findSessionActor({ ...claims, recorded: true })).toBeNull();
  });

  it('still throttles wrong passwords (counted in memory meanwhile)', async () => {
    await setReadOnly(true);
    const results = [];
    for (let i = 0; i < 6; i += 1) {
      results.push(await authenticate({ email, password: 'wrong-password-1', ip: '10.0.0.10' }));
    }
    expect(results.slice(0, 5).map((result) => !result.ok && result.reason)).toEqual(
      Array(5).fill('invalid'),
    );
    expect(results[5]).toMatchObject({ ok: false, reason: 'throttled' });
    const right = await authenticate({ email, password: PASSWORD, ip: '10.0.0.10' });
    expect(right).toMatchObject({ ok: false, reason: 'throttled' });
  });
});
