import { describe, expect, it, vi } from 'vitest';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { completeDocument } from '@/lib/policy/test-briefs';
import { createTestPerson, sessionClaimsOf } from '@/lib/users/test-people';

/**
 * The duplicate questions' route handler: its answer and its refusals of bad input, through the
 * real session check and lib. Only Auth.js's cookie reading is replaced, as in
 * app/_lib/authorization.db.test.ts (which checks who may call it).
 */

const session = vi.hoisted(() => ({ claims: null as Record<string, unknown> | null }));
vi.mock('@/lib/auth', () => ({
  auth: async () => session.claims,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
}));

const { GET } = await import('./route');

async function ask(query: string) {
  const response = await GET(new Request(`http://localhost:3000/api/briefs/duplicates?${query}`), {
    params: Promise.resolve({}),
  });
  return { status: response.status, json: await response.json(), response };
}

describe('GET /api/briefs/duplicates', () => {
  it('lists the briefs asking the question, leaving out the one being edited', async () => {
    const editor = await createTestPerson('editor');
    session.claims = await sessionClaimsOf(editor);
    const ids: string[] = [];
    for (const question of ['Do wind turbines kill birds?', 'Do wind turbines kill bats?']) {
      const { id } = await createBrief(editor);
      await saveBrief(editor, id, {
        baseRevision: 1,
        kind: 'save',
        document: completeDocument(question),
      });
      ids.push(id);
    }
    const found = await ask(`question=${encodeURIComponent('do WIND turbines kill birds')}`);
    expect(found.status).toBe(200);
    expect(found.response.headers.get('cache-control')).toBe('private, no-store');
    expect(found.json.matches.map((match: { id: string; kind: string }) => match.kind)).toEqual([
      'same',
      'similar',
    ]);
    expect(found.json.matches[0]).toMatchObject({
      id: ids[0],
      question: 'Do wind turbines kill birds?',
      stateLabel: 'Draft',
      published: false,
      archived: false,
    });
    const editing = await ask(`question=Do+wind+turbines+kill+birds%3F&exclude=${ids[0]}`);
    expect(editing.json.matches.map((match: { id: string }) => match.id)).toEqual([ids[1]]);
    expect((await ask('question=')).json).toEqual({ matches: [] });
  });

  it('refuses bad input with a message', async () => {
    session.claims = await sessionClaimsOf(await createTestPerson('reviewer'));
    const refusals: [string, RegExp][] = [
      ['', /^Send the question to compare as \?question=/],
      [`question=${'a'.repeat(501)}`, /^Send a question of at most 500 characters\.$/],
      ['question=Is+it+true%3F&exclude=42', /^exclude must be the id of a brief/],
      ['question=Is%00it', /^The question contains a control character \(U\+0000\)/],
      ['question=Is+it&sort=new', /Unrecognized key/],
    ];
    for (const [query, message] of refusals) {
      const answer = await ask(query);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error, query).toMatch(message);
    }
  });

  it('answers 401 when signed out', async () => {
    session.claims = null;
    const answer = await ask('question=Is+the+Great+Wall+visible');
    expect(answer.status).toBe(401);
    expect(answer.json.error).toMatch(/signed out/);
  });
});
