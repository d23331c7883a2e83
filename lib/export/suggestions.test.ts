import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import { Node } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { schemaFor } from '@/lib/content/extensions';
import type { RichNode } from '@/lib/content/numbering';
import { newSuggestionId } from '@/lib/content/suggestion-ids';
import { withoutSuggestions } from '@/lib/content/suggestion-projections';
import { pendingSuggestions } from '@/lib/content/suggestions';
import { makeSource } from '@/lib/content/test-fixtures';
import { parseBriefDocument } from '@/lib/content/validate';
import { exportFile } from './formats';

const REVIEWER = '22222222-2222-4222-8222-222222222222';
const BRIEF = '33333333-3333-4333-8333-333333333333';

const paragraph = (text: string, sourceId: string, citationId: string): RichNode => ({
  type: 'paragraph',
  content: [
    { type: 'text', text },
    { type: 'citation', attrs: { citationId, sourceId } },
  ],
});

function stored(document: BriefDocument): BriefDocument {
  const parsed = parseBriefDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.document;
}

/**
 * A brief whose summary has a suggestion pending: "Officials " deleted, and a sentence citing
 * source b inserted before the citation of source a (b would become [1] if it were accepted).
 */
function withPendingSuggestion(): { original: BriefDocument; suggested: BriefDocument } {
  const original = stored({
    ...emptyBriefDocument(),
    question: 'Did the alliance promise not to expand east?',
    summary: { type: 'doc', content: [paragraph('Officials disagree.', 'a', 'c1')] },
    body: { type: 'doc', content: [paragraph('The records are public.', 'b', 'c2')] },
    sources: [makeSource('a'), makeSource('b')],
  });
  const state = EditorState.create({ doc: Node.fromJSON(schemaFor.summary, original.summary) });
  const tr = state.tr.delete(1, 11);
  tr.insert(1, [
    schemaFor.summary.text('Minutes say otherwise '),
    schemaFor.summary.nodes.citation!.create({ citationId: 'c3', sourceId: 'b' }),
    schemaFor.summary.text(' and '),
  ]);
  const next = state.apply(
    transformToSuggestionTransaction(tr, state, () => newSuggestionId(REVIEWER)),
  );
  const suggested = stored({ ...original, summary: next.doc.toJSON() as RichNode });
  return { original, suggested };
}

const file = async (document: BriefDocument, format: 'markdown' | 'json' | 'csl') =>
  (await exportFile(document, { briefId: BRIEF, versionNumber: 3, format })).body;

describe('exporting a version with pending suggestions', () => {
  it('writes the Markdown and the CSL of the text as it stands', async () => {
    const { original, suggested } = withPendingSuggestion();
    const pending = pendingSuggestions(suggested);
    expect(pending.map((s) => s.authorId)).toEqual(pending.map(() => REVIEWER));
    expect(pending.map((s) => s.deleted).join('')).toBe('Officials ');
    expect(pending.map((s) => s.inserted).join('')).toBe('Minutes say otherwise [cite] and ');
    expect(await withoutSuggestions(suggested)).toEqual(original);

    const markdown = await file(suggested, 'markdown');
    expect(markdown).toBe(await file(original, 'markdown'));
    expect(markdown).toContain('Officials disagree.[1]');
    expect(markdown).not.toContain('Minutes say otherwise');

    const csl = JSON.parse(await file(suggested, 'csl')) as { id: string }[];
    expect(csl.map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('keeps the JSON as stored, suggestions and all', async () => {
    const { suggested } = withPendingSuggestion();
    const json = JSON.parse(await file(suggested, 'json')) as BriefDocument;
    expect(json).toEqual(suggested);
    expect(pendingSuggestions(json).length).toBeGreaterThan(0);
  });
});
