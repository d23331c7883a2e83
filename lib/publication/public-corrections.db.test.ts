import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { makeSource } from '@/lib/content/test-fixtures';
import { addCorrection, publishBrief, unpublishBrief } from '@/lib/publication/mutations';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import {
  LIST_DOCUMENTS,
  type PublicChange,
  PublicPageCache,
  registerLocalCache,
} from './page-cache';
import { listPublicCorrections } from './public-corrections';
import { getPublicBrief, PUBLIC_PAGE_SIZE } from './queries';

const person = createTestPerson;

function document(question: string): BriefDocument {
  const paragraph = (text: string, citationId: string) => ({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text },
          { type: 'citation', attrs: { citationId, sourceId: 'a' } },
        ],
      },
    ],
  });
  return {
    ...emptyBriefDocument(),
    question,
    summary: paragraph('Summary', 'c1'),
    body: paragraph('Body', 'c2'),
    sources: [makeSource('a')],
  };
}

async function publishedBrief(question: string) {
  const editor = await person('editor');
  const reviewer = await person('reviewer');
  const { id } = await createBrief(editor);
  const saved = await saveBrief(editor, id, {
    baseRevision: 1,
    kind: 'save',
    document: document(question),
  });
  await submitForReview(editor, id);
  await approveBrief(reviewer, id, { versionNumber: saved.head.number, verifiedSourceIds: ['a'] });
  await publishBrief(reviewer, id, { versionNumber: saved.head.number });
  const [row] = await getDb().select({ slug: briefs.slug }).from(briefs).where(eq(briefs.id, id));
  return { id, reviewer, version: saved.head.number, slug: row!.slug! };
}

async function withdrawalNotice(id: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ notice: briefs.withdrawalNotice })
    .from(briefs)
    .where(eq(briefs.id, id));
  return row!.notice;
}

describe('the public list of corrections', () => {
  it('lists the notes of published briefs only, newest first, each with its brief', async () => {
    const admin = await person('admin');
    const kept = await publishedBrief('Is the corrections list newest first?');
    const withdrawn = await publishedBrief('Does an unpublished brief take its notes along?');
    await addCorrection(kept.reviewer, kept.id, { kind: 'correction', note: 'First note.' });
    await addCorrection(withdrawn.reviewer, withdrawn.id, { kind: 'update', note: 'Gone note.' });
    await addCorrection(kept.reviewer, kept.id, { kind: 'clarification', note: 'Second note.' });

    const before = await listPublicCorrections(1);
    expect(before.total).toBe(3);
    expect(before.items.map((item) => item.note)).toEqual([
      'Second note.',
      'Gone note.',
      'First note.',
    ]);
    expect(before.items[0]).toMatchObject({
      kind: 'clarification',
      slug: kept.slug,
      question: 'Is the corrections list newest first?',
      notedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    // The id is the anchor of the note on the brief's page.
    const page = await getPublicBrief(kept.slug);
    if (page.status !== 'published') throw new Error('expected published');
    expect(page.brief.corrections.map((c) => c.id)).toEqual([
      before.items[2]!.id,
      before.items[0]!.id,
    ]);

    await unpublishBrief(admin, withdrawn.id, { reason: 'legal' });
    const after = await listPublicCorrections(1);
    expect(after.total).toBe(2);
    expect(after.items.map((item) => item.note)).toEqual(['Second note.', 'First note.']);
  });

  it('comes in pages of 20', async () => {
    const brief = await publishedBrief('Are the corrections paginated?');
    const { total } = await listPublicCorrections(1);
    for (let n = 1; n <= PUBLIC_PAGE_SIZE + 1; n += 1) {
      await addCorrection(brief.reviewer, brief.id, { kind: 'update', note: `Note ${n}.` });
    }
    const first = await listPublicCorrections(1);
    expect(first.total).toBe(total + PUBLIC_PAGE_SIZE + 1);
    expect(first.items).toHaveLength(PUBLIC_PAGE_SIZE);
    expect(first.items[0]!.note).toBe(`Note ${PUBLIC_PAGE_SIZE + 1}.`);
    const second = await listPublicCorrections(2);
    expect(second.items.map((item) => item.note)).toContain('Note 1.');
    expect(second.items.map((item) => item.note)).not.toContain(`Note ${PUBLIC_PAGE_SIZE + 1}.`);
  });
});

describe('the caches', () => {
  it('empty the brief page and the lists (the corrections feed among them) on a new note', async () => {
    const brief = await publishedBrief('Does a note empty the corrections feed?');
    const heard: PublicChange[] = [];
    registerLocalCache({
      lists: new PublicPageCache({ maxPages: 1 }),
      settings: new PublicPageCache({ maxPages: 1 }),
      apply: (c) => heard.push(c),
    });
    await addCorrection(brief.reviewer, brief.id, { kind: 'update', note: 'A new figure.' });
    expect(heard).toEqual([{ slug: brief.slug, lists: true }]);
    expect(LIST_DOCUMENTS).toContain('/corrections.xml');
  });
});

describe('the notice of an unpublished brief', () => {
  it('is kept for its 410 page, and cleared when it is published again', async () => {
    const admin = await person('admin');
    const brief = await publishedBrief('Is the withdrawal notice shown?');
    await unpublishBrief(admin, brief.id, {
      reason: 'Internal: the lawyer asked.',
      notice: '  A source retracted its figures.  ',
    });
    expect(await withdrawalNotice(brief.id)).toBe('A source retracted its figures.');
    const gone = await getPublicBrief(brief.slug);
    expect(gone).toEqual({
      status: 'unpublished',
      withdrawal: {
        notice: 'A source retracted its figures.',
        withdrawnOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    });
    expect(JSON.stringify(gone)).not.toContain('lawyer');

    await publishBrief(admin, brief.id, {
      versionNumber: brief.version,
      change: { kind: 'update', note: 'Back with new figures.' },
    });
    expect(await withdrawalNotice(brief.id)).toBeNull();

    // Without a notice, none is stored.
    await unpublishBrief(admin, brief.id, { reason: 'again', notice: '   ' });
    expect(await withdrawalNotice(brief.id)).toBeNull();
  });
});
