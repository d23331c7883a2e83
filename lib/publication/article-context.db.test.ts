import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';
import { makeSource } from '@/lib/content/test-fixtures';
import type { Actor } from '@/lib/policy/policy';
import { getSiteSettings } from '@/lib/settings/site';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { getVersionToCheck } from '@/lib/workflow/queries';
import { getArticleForStaff } from './article-context';
import { renderBriefArticle } from './brief-html';
import { addCorrection, publishBrief } from './mutations';
import { getPublicBrief } from './queries';
import { publicArticle } from './render';

const text = (value: string): RichNode => ({ type: 'text', text: value });
const cite = (citationId: string, sourceId: string, locator: string | null = null): RichNode => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator },
});
const doc = (...content: RichNode[]): RichNode => ({ type: 'doc', content });

function document(question: string, related: string[] = []): BriefDocument {
  return {
    ...emptyBriefDocument(),
    question,
    summary: doc({ type: 'paragraph', content: [text('It did. '), cite('c1', 'a', 'p. 12')] }),
    body: doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('What happened')] },
      { type: 'paragraph', content: [text('Twice. '), cite('c2', 'a'), cite('c3', 'b')] },
    ),
    relatedQuestions: related.map((q) => ({ text: q })),
    sources: [
      makeSource('a', { title: 'Report A', note: 'internal: ask the desk' }),
      makeSource('b', { title: 'Report B', archiveUrl: 'https://archive.example/b' }),
    ],
  };
}

async function publish(editor: Actor, reviewer: Actor, content: BriefDocument): Promise<string> {
  const { id } = await createBrief(editor);
  const saved = await saveBrief(editor, id, { baseRevision: 1, kind: 'save', document: content });
  await submitForReview(editor, id);
  await approveBrief(reviewer, id, {
    versionNumber: saved.head.number,
    verifiedSourceIds: ['a', 'b'],
  });
  await publishBrief(reviewer, id, { versionNumber: saved.head.number });
  return id;
}

describe('the article for staff', () => {
  it('is the public page article of the same version: links, pinpoints, sources, corrections', async () => {
    const editor = await createTestPerson('editor');
    const reviewer = await createTestPerson('reviewer');
    const stamp = Date.now();
    await publish(editor, reviewer, document(`Was the bridge closed ${stamp}?`));
    const id = await publish(
      editor,
      reviewer,
      document(`Did the ferry stop ${stamp}?`, [`Was the bridge  closed ${stamp}?`, 'Unasked?']),
    );
    await addCorrection(reviewer, id, { kind: 'correction', note: 'The year was wrong.' });
    const [row] = await getDb().select({ slug: briefs.slug }).from(briefs).where(eq(briefs.id, id));
    const found = await getPublicBrief(row?.slug ?? '');
    if (found.status !== 'published') throw new Error('expected a published brief');
    const readers = renderBriefArticle(
      publicArticle(found.brief, await getSiteSettings()),
    ).toString();

    // The review screen's re-check shows the published version.
    const version = await getVersionToCheck(reviewer, id, 'recheck');
    const staff = renderBriefArticle(
      await getArticleForStaff(reviewer, id, version?.document ?? emptyBriefDocument()),
    ).toString();

    expect(staff).toBe(readers);
    expect(readers).toContain('[1, p. 12]</a>');
    expect(readers).toMatch(
      /<li><a href="\/briefs\/was-the-bridge-closed-\d+">Was the bridge {2}closed/,
    );
    expect(readers).toContain('<strong>Correction:</strong> The year was wrong.');
    expect(readers).not.toContain('internal: ask the desk');
  });

  it('is for staff only', async () => {
    const editor = await createTestPerson('editor');
    const { id } = await createBrief(editor);
    const nobody = null as unknown as Actor;
    await expect(getArticleForStaff(nobody, id, emptyBriefDocument())).rejects.toThrow();
  });
});
