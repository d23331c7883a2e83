import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { briefs } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { getBriefForEditing } from '@/lib/briefs/queries';
import type { BriefDocument } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';
import { makeSource } from '@/lib/content/test-fixtures';
import { type Actor, systemActor } from '@/lib/policy/policy';
import { publishBrief, unpublishBrief } from '@/lib/publication/mutations';
import { createUser } from '@/lib/users/mutations';
import { personToActFor } from '@/lib/users/queries';
import { createUserSchema } from '@/lib/users/schemas';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { E2E_PASSWORD, type E2eRole, e2eAccounts } from './accounts';
import { e2eBaseUrl } from './base-url';

/**
 * Briefs made for a test through lib's own functions, as the e2e accounts, on the e2e database
 * (the Playwright process runs with DATABASE_URL set to it, and under the react-server condition
 * that lib's `server-only` imports need): for tests about something else than how a brief is
 * written, reviewed or published in the browser. Publications are announced to the running
 * server through Postgres (NOTIFY), as when they are made in the browser.
 */

/** An e2e account as lib's actor, read from the users table by its email. */
export function actor(role: E2eRole): Promise<Actor> {
  return personToActFor(systemActor('seed'), e2eAccounts[role].email);
}

/**
 * A new person added by the admin, who signs in with the e2e password (users.spec.ts adds people
 * through the users page).
 */
export async function addedPerson(person: {
  name: string;
  email: string;
  role?: 'editor' | 'reviewer' | 'admin';
}): Promise<void> {
  const input = createUserSchema.parse({ role: 'editor', ...person, password: E2E_PASSWORD });
  await createUser(await actor('admin'), input);
}

const paragraph = (text: string, sourceId: string, citationId: string): RichNode => ({
  type: 'paragraph',
  content: [
    { type: 'text', text },
    { type: 'citation', attrs: { citationId, sourceId } },
  ],
});

/**
 * The brief editor-fixtures' writeCompleteBrief types: two sources, each cited once (the memo in
 * the summary, the treaty in the body); it passes every automated check.
 */
export function completeDocument(question: string): BriefDocument {
  const today = new Date().toISOString().slice(0, 10);
  const source = (id: string, title: string) =>
    makeSource(id, {
      title,
      url: `https://example.org/${id}`,
      publisher: 'Example Press',
      accessedAt: today,
    });
  return {
    question,
    summary: { type: 'doc', content: [paragraph('No written promise exists. ', 'memo', 'c1')] },
    body: {
      type: 'doc',
      content: [paragraph('The treaty says nothing about it. ', 'treaty', 'c2')],
    },
    limitations: { type: 'doc', content: [{ type: 'paragraph' }] },
    relatedQuestions: [],
    sources: [source('memo', 'Archive memo'), source('treaty', 'Treaty text')],
  };
}

/** An empty draft by `role`, as "New brief" makes it (version 1). */
export async function emptyBrief(role: E2eRole): Promise<string> {
  const { id } = await createBrief(await actor(role));
  return id;
}

/** A draft written by `role`: version 1 empty, as "New brief" makes it, version 2 this document. */
export async function draftBrief(
  role: E2eRole,
  document: BriefDocument,
): Promise<{ id: string; version: number }> {
  const author = await actor(role);
  const { id } = await createBrief(author);
  const saved = await saveBrief(author, id, { baseRevision: 1, kind: 'save', document });
  return { id, version: saved.head.number };
}

/** `role` submits the brief for review. */
export async function submit(id: string, role: E2eRole = 'editor'): Promise<void> {
  await submitForReview(await actor(role), id);
}

/** A complete brief by `role`, submitted for review. */
export async function briefInReview(
  question: string,
  role: E2eRole = 'editor',
): Promise<{ id: string; version: number }> {
  const draft = await draftBrief(role, completeDocument(question));
  await submit(draft.id, role);
  return draft;
}

/**
 * The reviewer approves the version in review (every source verified) and publishes it, and the
 * running server shows it. Returns its public path.
 */
export async function approveAndPublish(id: string): Promise<string> {
  const reviewer = await actor('reviewer');
  const { head, document } = await getBriefForEditing(reviewer, id);
  const verifiedSourceIds = document.sources.map((source) => source.id);
  await approveBrief(reviewer, id, { versionNumber: head.number, verifiedSourceIds });
  await publishBrief(reviewer, id, { versionNumber: head.number });
  const [row] = await getDb().select({ slug: briefs.slug }).from(briefs).where(eq(briefs.id, id));
  const path = `/briefs/${row?.slug}`;
  await serverHasHeard(path, true);
  return path;
}

/**
 * A complete brief the editor wrote and submitted, which the reviewer approved and published:
 * version 2 is public, as after editor-fixtures' publishThroughReview.
 */
export async function publishedBrief(question: string): Promise<{ id: string; path: string }> {
  const { id } = await briefInReview(question);
  return { id, path: await approveAndPublish(id) };
}

/**
 * Waits until the server's sitemap lists the brief at `path` (or no longer does): the server
 * has then emptied its public pages on the publication event, which reaches it through Postgres
 * a moment after the commit here (a change made in the browser empties them at once).
 */
async function serverHasHeard(path: string, listed: boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const sitemap = await (await fetch(`${e2eBaseUrl}/sitemap.xml`)).text();
    if (sitemap.includes(`${path}</loc>`) === listed) return;
    if (Date.now() > deadline) {
      throw new Error(`The server's sitemap ${listed ? 'lacks' : 'still lists'} ${path}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The editor adds `words` at the end of the body's last paragraph, in a new draft version (as
 * typing there and "Save version" would).
 */
export async function appendToBody(id: string, words: string): Promise<void> {
  const editor = await actor('editor');
  const { head, document } = await getBriefForEditing(editor, id);
  const paragraphs = document.body.content ?? [];
  const last = paragraphs.at(-1) ?? { type: 'paragraph' };
  const longer = { ...last, content: [...(last.content ?? []), { type: 'text', text: words }] };
  const body = { ...document.body, content: [...paragraphs.slice(0, -1), longer] };
  await saveBrief(editor, id, {
    baseRevision: head.revision,
    kind: 'save',
    document: { ...document, body },
  });
}

/** The admin takes the published brief at `path` down. */
export async function unpublish(id: string, path: string, reason: string): Promise<void> {
  await unpublishBrief(await actor('admin'), id, { reason });
  await serverHasHeard(path, false);
}
