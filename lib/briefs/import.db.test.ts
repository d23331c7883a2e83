import { readFileSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, briefs, briefVersions } from '@/db/schema';
import { failedChecks } from '@/lib/content/checks';
import { listDeskBriefs } from '@/lib/desk/list';
import { firstPageView } from '@/lib/desk/view';
import { InvalidError } from '@/lib/errors';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { createTestPerson } from '@/lib/users/test-people';
import { createImportedBrief } from './mutations';
import { getBriefForEditing } from './queries';

const sample = readFileSync(
  new URL('../../scripts/seed-data/nato-brief.txt', import.meta.url),
  'utf8',
);

async function briefCount(): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(briefs);
  return row!.n;
}

describe('createImportedBrief', () => {
  it('creates a draft whose first version has kind import, and audits the report', async () => {
    const editor = await createTestPerson('editor');
    const { id, report } = await createImportedBrief(editor, {
      text: sample,
      origin: 'nato-brief.txt',
      today: '2026-11-27',
    });
    expect(report.counts).toMatchObject({ sections: 6, sources: 12, relatedQuestions: 5 });

    const opened = await getBriefForEditing(editor, id);
    expect(opened.head).toMatchObject({ number: 1, kind: 'import', authorName: editor.name });
    expect(opened.state).toBe('draft');
    const listed = await listDeskBriefs(editor, { ...firstPageView, author: editor.id });
    expect(listed.rows[0]).toMatchObject({ id, question: opened.document.question });
    expect(opened.document.question).toBe(
      "How has NATO expansion influenced Russia's decision to invade Ukraine?",
    );
    // The placeholders are what keeps it from review until someone completes them.
    expect(failedChecks(opened.document, defaultRatingScale).map((c) => c.label)).toEqual([
      expect.stringMatching(/source/i),
    ]);

    const [version] = await getDb()
      .select()
      .from(briefVersions)
      .where(eq(briefVersions.briefId, id));
    expect(version!.kind).toBe('import');
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.briefId, id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'import', actorId: editor.id, versionNumber: 1 });
    expect(audit[0]!.note).toBe(
      "Imported from nato-brief.txt: 6 sections, 8 paragraphs, 45 citations, 12 sources (12 to complete), 5 related questions. 4 points needed attention at import. The text said “Checked on December 6, 2025”: for information only, not this brief's date.",
    );
  });

  it('creates nothing for text that cannot be a brief', async () => {
    const editor = await createTestPerson('editor');
    const before = await briefCount();
    for (const text of ['', 'Executive summary\n\nNo question here [1].', 'Q?\u0000binary']) {
      await expect(
        createImportedBrief(editor, { text, origin: 'pasted text', today: '2026-11-27' }),
      ).rejects.toBeInstanceOf(InvalidError);
    }
    expect(await briefCount()).toBe(before);
  });
});
