import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { makeSource } from '@/lib/content/test-fixtures';
import { publishBrief, unpublishBrief } from '@/lib/publication/mutations';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { getPublicBrief, listPublicBriefs } from './queries';

const person = createTestPerson;

function document(question: string, marker: string): BriefDocument {
  const cite = (id: string, sourceId: string) => ({
    type: 'citation',
    attrs: { citationId: id, sourceId },
  });
  return {
    ...emptyBriefDocument(),
    question,
    summary: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: `Summary ${marker}` }, cite('c1', 'a')],
        },
      ],
    },
    body: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Body text' }, cite('c2', 'a')] },
      ],
    },
    sources: [makeSource('a', { note: `INTERNAL-NOTE-${marker}` })],
  };
}

async function publishedBrief(question: string, checkedAt: Date) {
  const editor = await person('editor');
  const reviewer = await person('reviewer');
  const { id } = await createBrief(editor);
  const saved = await saveBrief(editor, id, {
    baseRevision: 1,
    kind: 'save',
    document: document(question, 'v2'),
  });
  await submitForReview(editor, id);
  await approveBrief(
    reviewer,
    id,
    { versionNumber: saved.head.number, verifiedSourceIds: ['a'] },
    checkedAt,
  );
  await publishBrief(reviewer, id, { versionNumber: saved.head.number });
  const [row] = await getDb().select({ slug: briefs.slug }).from(briefs).where(eq(briefs.id, id));
  return { id, editor, reviewer, slug: row!.slug! };
}

describe('public reads', () => {
  it('serve the published version only, without internal notes, under a frozen slug', async () => {
    const { id, editor, reviewer, slug } = await publishedBrief(
      'Did the river flood in 1990?',
      new Date('2025-12-06T12:00:00Z'),
    );
    expect(slug).toBe('did-the-river-flood-in-1990');

    const { head } = await getBriefForEditing(editor, id);
    await saveBrief(editor, id, {
      baseRevision: head.revision,
      kind: 'save',
      document: document('A renamed question, still a draft?', 'DRAFT-MARKER'),
    });

    const found = await getPublicBrief(slug);
    expect(found.status).toBe('published');
    if (found.status !== 'published') return;
    expect(found.brief).toMatchObject({
      question: 'Did the river flood in 1990?',
      checkedOn: '2025-12-06',
      reviewedBy: reviewer.name,
    });
    const everything = JSON.stringify(found);
    expect(everything).not.toContain('DRAFT-MARKER');
    expect(everything).not.toContain('INTERNAL-NOTE');
    await expect(
      getDb().update(briefs).set({ slug: 'another-slug' }).where(eq(briefs.id, id)),
    ).rejects.toThrow();
  });

  it('link a related question to the published brief that asks it', async () => {
    const target = await publishedBrief('Was the   Dam built in 1990?', new Date());
    const { id, slug } = await publishedBrief('Who paid for the dam project?', new Date());
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    // A new version of the second brief, with related questions, published again.
    const { head } = await getBriefForEditing(editor, id);
    const next = await saveBrief(editor, id, {
      baseRevision: head.revision,
      kind: 'save',
      document: {
        ...document('Who paid for the dam project?', 'v3'),
        relatedQuestions: [{ text: 'was the dam built in 1990?' }, { text: 'Unknown question?' }],
      },
    });
    await submitForReview(editor, id);
    await approveBrief(reviewer, id, { versionNumber: next.head.number, verifiedSourceIds: ['a'] });
    await publishBrief(reviewer, id, { versionNumber: next.head.number, change: { kind: 'typo' } });
    const found = await getPublicBrief(slug);
    if (found.status !== 'published') throw new Error('expected published');
    expect(found.brief.relatedSlugs).toEqual({ 'was the dam built in 1990?': target.slug });
  });

  it('say "unpublished" for a brief taken down and "missing" for an unknown slug', async () => {
    const { id, slug } = await publishedBrief('Was the bridge closed for a year?', new Date());
    const admin = await person('admin');
    await unpublishBrief(admin, id, { reason: 'legal' });
    expect(await getPublicBrief(slug)).toEqual({
      status: 'unpublished',
      withdrawal: { notice: null, withdrawnOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    });
    expect(await getPublicBrief('no-such-brief')).toEqual({ status: 'missing' });
  });

  it('list published briefs only, most recently checked first, and number a taken slug', async () => {
    const older = await publishedBrief(
      'Is the same question asked twice?',
      new Date('2024-01-01T12:00:00Z'),
    );
    const newer = await publishedBrief(
      'Is the same question asked twice?',
      new Date('2026-01-01T12:00:00Z'),
    );
    expect(newer.slug).toBe(`${older.slug}-2`);
    const editor = await person('editor');
    await createBrief(editor);
    const { items } = await listPublicBriefs();
    const slugs = items.map((item) => item.slug);
    expect(slugs.indexOf(newer.slug)).toBeLessThan(slugs.indexOf(older.slug));
    expect(items.find((item) => item.slug === newer.slug)?.excerpt).toBe('Summary v2');
    expect(items.every((item) => item.slug)).toBe(true);
  });
});
