import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { makeSource } from '@/lib/content/test-fixtures';
import { publishBrief } from '@/lib/publication/mutations';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { searchPublicBriefs } from './queries';
import { MATCH_END, MATCH_START, snippetParts } from './search';

const paragraph = (text: string, citationId: string) => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text },
        { type: 'citation', attrs: { citationId, sourceId: 'a', locator: null } },
      ],
    },
  ],
});

function document(question: string, text: string, relatedQuestions: string[]): BriefDocument {
  return {
    ...emptyBriefDocument(),
    question,
    summary: paragraph(text, 'c1'),
    body: paragraph('More text about it.', 'c2'),
    relatedQuestions: relatedQuestions.map((q) => ({ text: q })),
    sources: [makeSource('a')],
  };
}

async function published(doc: BriefDocument): Promise<{ id: string; slug: string }> {
  const editor = await createTestPerson('editor');
  const reviewer = await createTestPerson('reviewer');
  const { id } = await createBrief(editor);
  const saved = await saveBrief(editor, id, { baseRevision: 1, kind: 'save', document: doc });
  await submitForReview(editor, id);
  await approveBrief(reviewer, id, { versionNumber: saved.head.number, verifiedSourceIds: ['a'] });
  await publishBrief(reviewer, id, { versionNumber: saved.head.number });
  const [row] = await getDb().select({ slug: briefs.slug }).from(briefs).where(eq(briefs.id, id));
  return { id, slug: row?.slug ?? '' };
}

const marked = (snippet: string) =>
  snippetParts(snippet)
    .filter((part) => part.match)
    .map((part) => part.text.toLowerCase());

describe('public search and related questions', () => {
  it('finds a brief by a related question, below a brief that treats the words itself', async () => {
    const asking = await published(
      document('Did the harbour close in winter?', 'The harbour stayed open all year (see ', [
        'Was the zeppelin hangar ever rebuilt?',
        'Who ran the ferry?',
      ]),
    );
    const treating = await published(
      document(
        'Was the zeppelin hangar rebuilt?',
        'The zeppelin hangar was rebuilt in 1931 after the fire.',
        [],
      ),
    );

    const { hits, total } = await searchPublicBriefs('zeppelin hangar rebuilt');
    expect(total).toBe(2);
    expect(hits.map((hit) => hit.slug)).toEqual([treating.slug, asking.slug]);
    const [first, second] = hits;
    expect(first?.inRelatedQuestions).toBe(false);
    expect(marked(first?.snippet ?? '')).toEqual(expect.arrayContaining(['zeppelin', 'hangar']));
    // The brief found by its related question shows that question, its words marked.
    expect(second?.inRelatedQuestions).toBe(true);
    expect(
      snippetParts(second?.snippet ?? '')
        .map((part) => part.text)
        .join(''),
    ).toContain('Was the zeppelin hangar ever rebuilt?');
    expect(marked(second?.snippet ?? '')).toEqual(['zeppelin', 'hangar', 'rebuilt']);
    expect(second?.snippet).not.toContain('Who ran the ferry');
  });

  it('shows the opening of the text when it matches, even if a related question does too', async () => {
    const { slug } = await published(
      document('Was the quarry flooded?', 'The quarry flooded in spring.', [
        'When did the quarry close?',
      ]),
    );
    const hit = (await searchPublicBriefs('quarry')).hits.find((h) => h.slug === slug);
    expect(hit?.inRelatedQuestions).toBe(false);
    expect(hit?.snippet).toContain(`${MATCH_START}quarry${MATCH_END} flooded in spring`);
  });

  it('indexes related questions exactly as migration 0024 back-filled older briefs', async () => {
    const { id } = await published(
      document('Did the mill burn?', 'The mill burned down.', [
        'Who owned the mill?',
        'Was it insured?',
      ]),
    );
    // The back-fill's own expression, applied to what the index holds without related questions.
    const [row] = await getDb().execute<{ same: boolean }>(sql`
      select b.search_document = (
        setweight(to_tsvector('english', b.published_question), 'A')
        || setweight(to_tsvector('english', b.search_text), 'B')
        || setweight(to_tsvector('english', related.text), 'C')
      ) as same
      from briefs as b
      join brief_versions as v on v.id = b.published_version_id,
      lateral (
        select coalesce(string_agg(q->>'text', E'\\n'), '') as text
        from jsonb_array_elements(coalesce(v.content->'relatedQuestions', '[]'::jsonb)) as q
      ) as related
      where b.id = ${id}`);
    expect(row?.same).toBe(true);
  });
});
