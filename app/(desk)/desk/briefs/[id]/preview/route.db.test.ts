import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import { Node } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it, vi } from 'vitest';
import { saveBrief } from '@/lib/briefs/mutations';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { schemaFor } from '@/lib/content/extensions';
import type { RichNode } from '@/lib/content/numbering';
import { newSuggestionId } from '@/lib/content/suggestion-ids';
import { hasSuggestions } from '@/lib/content/suggestions';
import type { Actor } from '@/lib/policy/policy';
import { draftBrief } from '@/lib/policy/test-briefs';
import { createTestPerson, sessionClaimsOf } from '@/lib/users/test-people';

/**
 * The preview of a brief with suggestions pending: the text as it stands, as readers would get
 * it. Through the real route handler, session check and lib; only Auth.js's cookie reading is
 * replaced, as in app/_lib/authorization.db.test.ts.
 */

const session = vi.hoisted(() => ({ claims: null as Record<string, unknown> | null }));
vi.mock('@/lib/auth', () => ({
  auth: async () => session.claims,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
}));

const { GET: previewRoute } = await import('./route');

async function signIn(role: Actor['role']): Promise<Actor> {
  const person = await createTestPerson(role);
  session.claims = await sessionClaimsOf(person);
  return person;
}

async function preview(briefId: string, query = '') {
  const response = await previewRoute(
    new Request(`http://localhost:3000/desk/briefs/${briefId}/preview${query}`),
    { params: Promise.resolve({ id: briefId }) },
  );
  return { status: response.status, body: await response.text() };
}

/** The article from its summary on: no date in it (the "Checked on" line says today). */
const articleOf = (page: string) => /<section class="summary"[\s\S]*<\/article>/.exec(page)?.[0];

describe('the preview', () => {
  it('shows the text as it stands: pending suggestions rejected, the current one and ?v=N', async () => {
    const fixture = await draftBrief();
    const reviewer = await signIn('reviewer');
    const before = await preview(fixture.id);
    expect(before.status).toBe(200);
    expect(before.body).toContain('Officials disagree.');

    // The reviewer suggests deleting "Officials " and inserting a sentence before it.
    const { head, document } = await getBriefForEditing(reviewer, fixture.id);
    const state = EditorState.create({ doc: Node.fromJSON(schemaFor.body, document.body) });
    const tr = state.tr.delete(1, 11).insertText('Minutes say otherwise; ', 1);
    const body = state
      .apply(transformToSuggestionTransaction(tr, state, () => newSuggestionId(reviewer.id)))
      .doc.toJSON() as RichNode;
    const saved = await saveBrief(reviewer, fixture.id, {
      baseRevision: head.revision,
      kind: 'save',
      document: { ...document, body },
    });
    expect(hasSuggestions((await getBriefForEditing(reviewer, fixture.id)).document)).toBe(true);

    const current = await preview(fixture.id);
    const version = await preview(fixture.id, `?v=${saved.head.number}`);
    for (const page of [current, version]) {
      expect(page.status).toBe(200);
      expect(page.body).toContain('Officials disagree.');
      expect(page.body).not.toContain('Minutes say otherwise');
      expect(page.body).not.toMatch(/<(ins|del)\b|data-id=/);
    }
    // The same article as before the suggestion.
    expect(articleOf(current.body)).toBe(articleOf(before.body));
  });
});
