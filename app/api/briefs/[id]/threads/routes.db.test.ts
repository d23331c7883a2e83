import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/policy/policy';
import { draftBrief } from '@/lib/policy/test-briefs';
import { createTestPerson, sessionClaimsOf } from '@/lib/users/test-people';

/**
 * The comment threads' route handlers: their answers and their refusals of bad input, through
 * the real wrappers, session check and lib. Only Auth.js's cookie reading is replaced, as in
 * app/_lib/authorization.db.test.ts (which checks who may call them).
 */

const session = vi.hoisted(() => ({ claims: null as Record<string, unknown> | null }));
vi.mock('@/lib/auth', () => ({
  auth: async () => session.claims,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
}));

const threadsRoute = await import('./route');
const { POST: reply } = await import('./[threadId]/replies/route');
const { POST: resolution } = await import('./[threadId]/resolution/route');
const { POST: anchors } = await import('./anchors/route');

async function signIn(role: Actor['role']): Promise<Actor> {
  const person = await createTestPerson(role);
  session.claims = await sessionClaimsOf(person);
  return person;
}

const base = 'http://localhost:3000/api/briefs';
const post = (url: string, body: unknown) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function answer(response: Response) {
  return { status: response.status, json: await response.json() };
}

const anchor = {
  part: 'body',
  start: 0,
  end: 9,
  quote: 'Officials',
  prefix: '',
  suffix: ' disagree.',
};

async function start(briefId: string, body: unknown) {
  return answer(
    await threadsRoute.POST(post(`${base}/${briefId}/threads`, body), {
      params: Promise.resolve({ id: briefId }),
    }),
  );
}

async function list(briefId: string) {
  return answer(
    await threadsRoute.GET(new Request(`${base}/${briefId}/threads`), {
      params: Promise.resolve({ id: briefId }),
    }),
  );
}

describe('comment thread routes', () => {
  it('start, list, answer, resolve and move threads', async () => {
    const { id } = await draftBrief();
    const editor = await signIn('editor');
    const started = await start(id, { anchor, body: 'Which officials?' });
    expect(started.status).toBe(200);
    const thread = started.json.thread;
    expect(thread).toMatchObject({
      part: 'body',
      quote: 'Officials',
      detached: false,
      createdBy: { id: editor.id, name: editor.name },
      resolvedAt: null,
      resolvedBy: null,
      comments: [{ author: { id: editor.id, name: editor.name }, body: 'Which officials?' }],
    });

    const params = Promise.resolve({ id, threadId: thread.id });
    const replied = await answer(
      await reply(post(`${base}/${id}/threads/${thread.id}/replies`, { body: 'Named.' }), {
        params,
      }),
    );
    expect(replied.json.thread.comments).toHaveLength(2);
    const resolved = await answer(
      await resolution(post(`${base}/${id}/threads/${thread.id}/resolution`, { resolved: true }), {
        params,
      }),
    );
    expect(resolved.json.thread.resolvedBy).toEqual({ id: editor.id, name: editor.name });

    const moved = await answer(
      await anchors(
        post(`${base}/${id}/threads/anchors`, {
          anchors: [{ threadId: thread.id, ...anchor, start: 4, end: 13, detached: true }],
        }),
        { params: Promise.resolve({ id }) },
      ),
    );
    expect(moved).toEqual({ status: 200, json: { updated: 1 } });

    const listed = await list(id);
    expect(listed.status).toBe(200);
    expect(listed.json.threads).toEqual([
      { ...resolved.json.thread, start: 4, end: 13, detached: true },
    ]);
  });

  it('refuse bad input with a clear message, and unknown briefs and threads', async () => {
    const { id } = await draftBrief();
    const other = await draftBrief();
    await signIn('reviewer');
    expect(await start(id, { anchor, body: '' })).toEqual({
      status: 400,
      json: { error: 'Write a comment.', fieldErrors: { body: ['Write a comment.'] } },
    });
    expect(await start(id, { anchor: { ...anchor, end: 'x' }, body: 'Hm.' })).toEqual({
      status: 400,
      json: {
        error: 'Give the end of the commented text as a number.',
        fieldErrors: { 'anchor.end': ['Give the end of the commented text as a number.'] },
      },
    });
    expect((await start(id, 'Hm.')).status).toBe(400);
    expect((await start(crypto.randomUUID(), { anchor, body: 'Hm.' })).json).toEqual({
      error: 'This brief does not exist.',
      fieldErrors: {},
    });
    expect(await list('not-an-id')).toEqual({
      status: 404,
      json: { error: 'This brief does not exist.' },
    });

    const elsewhere = (await start(other.id, { anchor, body: 'Elsewhere.' })).json.thread;
    const wrongBrief = await answer(
      await reply(post(`${base}/${id}/threads/${elsewhere.id}/replies`, { body: 'Hi.' }), {
        params: Promise.resolve({ id, threadId: elsewhere.id }),
      }),
    );
    expect(wrongBrief).toEqual({
      status: 404,
      json: { error: 'This comment thread does not exist.', fieldErrors: {} },
    });
    const notABoolean = await answer(
      await resolution(post(`${base}/${other.id}/threads/${elsewhere.id}/resolution`, {}), {
        params: Promise.resolve({ id: other.id, threadId: elsewhere.id }),
      }),
    );
    expect(notABoolean).toEqual({
      status: 400,
      json: { error: 'Say whether the thread is resolved: { "resolved": true } or false.' },
    });
    const noList = await answer(
      await anchors(post(`${base}/${id}/threads/anchors`, [anchor]), {
        params: Promise.resolve({ id }),
      }),
    );
    expect(noList).toEqual({
      status: 400,
      json: { error: 'Send the anchors as { "anchors": [ … ] }.' },
    });
    const tooMany = await answer(
      await anchors(
        post(`${base}/${id}/threads/anchors`, {
          anchors: Array.from({ length: 1001 }, () => ({ threadId: elsewhere.id, ...anchor })),
        }),
        { params: Promise.resolve({ id }) },
      ),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error).toBe('Send at most 1,000 anchors at once.');
    expect((await list(other.id)).json.threads[0]).toEqual(elsewhere);
  });
});
