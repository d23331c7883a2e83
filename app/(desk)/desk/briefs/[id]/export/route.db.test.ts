import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { briefs } from '@/db/schema';
import { replyToThread, setThreadResolved, startThread } from '@/lib/comments/mutations';
import { CITATION_CHARACTER } from '@/lib/content/anchor-text';
import type { Actor } from '@/lib/policy/policy';
import { draftBrief, publishedBrief } from '@/lib/policy/test-briefs';
import { createTestPerson, sessionClaimsOf } from '@/lib/users/test-people';

/**
 * The Markdown export with and without `comments=1`, and the public page of a brief with
 * comments: through the real route handlers, the real session check and lib. Only Auth.js's
 * cookie reading is replaced, as in app/_lib/authorization.db.test.ts.
 */

const session = vi.hoisted(() => ({ claims: null as Record<string, unknown> | null }));
vi.mock('@/lib/auth', () => ({
  auth: async () => session.claims,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
}));

const { GET: exportRoute } = await import('./route');
const { GET: publicPage } = await import('@/app/(public)/briefs/[slug]/route');

async function signIn(role: Actor['role']): Promise<Actor> {
  const person = await createTestPerson(role);
  session.claims = await sessionClaimsOf(person);
  return person;
}

async function exported(briefId: string, query: string) {
  const response = await exportRoute(
    new Request(`http://localhost:3000/desk/briefs/${briefId}/export?${query}`),
    { params: Promise.resolve({ id: briefId }) },
  );
  return { status: response.status, body: await response.text() };
}

const anchor = {
  part: 'body' as const,
  start: 0,
  end: 9,
  quote: 'Officials',
  prefix: '',
  suffix: ' disagree.',
};

describe('the Markdown export', () => {
  it('has the comment threads only when asked for them, in the Markdown only', async () => {
    const fixture = await draftBrief();
    const editor = await signIn('editor');
    const reviewer = await createTestPerson('reviewer');
    const open = await startThread(editor, fixture.id, {
      anchor,
      body: 'Which officials, exactly?\nName them.',
    });
    const replied = await replyToThread(reviewer, fixture.id, open.id, {
      body: 'The *memo* lists them.',
    });
    const resolved = await startThread(reviewer, fixture.id, {
      anchor: {
        ...anchor,
        part: 'summary',
        quote: `no. ${CITATION_CHARACTER}`,
        detached: true,
      },
      body: '# Not a heading',
    });
    const done = await setThreadResolved(editor, fixture.id, resolved.id, true);

    const plain = await exported(fixture.id, 'format=markdown');
    expect(plain.status).toBe(200);
    expect(plain.body).not.toContain('## Comments');
    expect(plain.body).not.toContain('Which officials');
    expect(plain.body).not.toContain('memo');
    expect(plain.body.trimEnd().split('\n').at(-1)).toMatch(/^<!-- Factdesk export: brief /);

    const withComments = await exported(fixture.id, 'format=markdown&comments=1');
    expect(withComments.status).toBe(200);
    // The brief as without comments, then the threads, then the line naming the version.
    const [brief, rest] = withComments.body.split('## Comments\n');
    expect(plain.body.startsWith(brief!)).toBe(true);
    const [section, provenance] = rest!.split('\n<!-- Factdesk export');
    expect(provenance).toBeDefined();
    expect(section).toBe(
      [
        '',
        '### Thread 1: Body · Open',
        '',
        '> Officials',
        '',
        `- **${editor.name}**, ${open.createdAt}:`,
        '  Which officials, exactly?\\',
        '  Name them.',
        `- **${reviewer.name}**, ${replied.comments[1]!.createdAt}:`,
        '  The \\*memo\\* lists them.',
        '',
        `### Thread 2: Executive summary · Resolved by ${editor.name} on ${done.resolvedAt} · Detached (its text was deleted)`,
        '',
        '> no. \\[citation\\]',
        '',
        `- **${reviewer.name}**, ${resolved.createdAt}:`,
        '  \\# Not a heading',
        '',
      ].join('\n'),
    );
  });

  it('refuses comments with another format, and changes nothing of the other formats', async () => {
    const fixture = await draftBrief();
    const editor = await signIn('editor');
    await startThread(editor, fixture.id, { anchor, body: 'A remark of ours.' });
    for (const format of ['json', 'csl']) {
      const asked = await exported(fixture.id, `format=${format}&comments=1`);
      expect(asked).toEqual({
        status: 400,
        body: 'Comments come with the Markdown export only (format=markdown).',
      });
      expect((await exported(fixture.id, `format=${format}`)).body).not.toContain('remark');
    }
    expect((await exported(fixture.id, 'format=markdown&comments=yes')).status).toBe(400);
  });
});

describe('the public page', () => {
  it('never shows a comment', async () => {
    const fixture = await publishedBrief();
    const editor = await signIn('editor');
    await startThread(editor, fixture.id, { anchor, body: 'An internal remark.' });
    const [{ slug }] = (await getDb()
      .select({ slug: briefs.slug })
      .from(briefs)
      .where(eq(briefs.id, fixture.id))) as [{ slug: string }];
    session.claims = null;
    const response = await publicPage(new Request(`http://localhost:3000/briefs/${slug}`), {
      params: Promise.resolve({ slug }),
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Officials disagree.');
    expect(html).not.toContain('internal remark');
  });
});
