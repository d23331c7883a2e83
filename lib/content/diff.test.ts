import { describe, expect, it } from 'vitest';
import { canCoalesce } from '@/lib/briefs/coalesce';
import { compareVersions } from './diff';
import { type BriefDocument, emptyBriefDocument } from './document';
import type { RichNode } from './numbering';
import { makeSource } from './test-fixtures';

const source = (id: string, title: string) => makeSource(id, { title });
const body = (...content: RichNode[]): RichNode => ({
  type: 'doc',
  content: [{ type: 'paragraph', content }],
});
const text = (value: string): RichNode => ({ type: 'text', text: value });
const cite = (citationId: string, sourceId: string): RichNode => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator: null },
});

const before: BriefDocument = {
  ...emptyBriefDocument(),
  question: 'Did it happen?',
  body: body(
    text('The sky is blue '),
    cite('c1', 'a'),
    text(' and grass is green '),
    cite('c2', 'b'),
  ),
  sources: [source('a', 'Sky report'), source('b', 'Grass report')],
};

describe('compareVersions', () => {
  it('diffs the text of each part with citations as numbers', () => {
    const after = {
      ...before,
      body: body(
        text('The sky is grey '),
        cite('c1', 'a'),
        text(' and grass is green '),
        cite('c2', 'b'),
      ),
    };
    const part = compareVersions(before, after).parts.find((p) => p.part === 'body')!;
    expect(part.changed).toBe(true);
    expect(part.changes.filter((c) => c.removed).map((c) => c.value)).toEqual(['blue']);
    expect(part.changes.filter((c) => c.added).map((c) => c.value)).toEqual(['grey']);
    expect(part.changes.map((c) => c.value).join('')).toContain('[1]');
    expect(compareVersions(before, after).parts.find((p) => p.part === 'question')?.changed).toBe(
      false,
    );
  });

  it('shows a changed pinpoint in the text', () => {
    const pinpointed = (locator: string | null) => ({
      ...before,
      body: body(
        text('The sky is blue '),
        { type: 'citation', attrs: { citationId: 'c1', sourceId: 'a', locator } },
        text(' and grass is green '),
        cite('c2', 'b'),
      ),
    });
    const part = compareVersions(pinpointed('p. 12'), pinpointed('p. 40')).parts.find(
      (p) => p.part === 'body',
    )!;
    expect(part.changed).toBe(true);
    expect(part.changes.map((c) => c.value).join('')).toContain('[1, p.');
    expect(
      part.changes
        .filter((c) => c.added)
        .map((c) => c.value)
        .join(''),
    ).toContain('40');
  });

  it('lists added, removed and re-pointed citations', () => {
    const after = {
      ...before,
      body: body(text('The sky is blue '), cite('c1', 'b'), text(' new '), cite('c3', 'a')),
    };
    const { citations } = compareVersions(before, after);
    expect(citations.added).toEqual([{ citationId: 'c3', part: 'body', source: '[2] Sky report' }]);
    expect(citations.removed).toEqual([
      { citationId: 'c2', part: 'body', source: '[2] Grass report' },
    ]);
    expect(citations.repointed).toEqual([
      { citationId: 'c1', part: 'body', from: '[1] Sky report', to: '[1] Grass report' },
    ]);
  });

  it('lists added, removed and changed sources field by field', () => {
    const after = {
      ...before,
      sources: [
        { ...source('a', 'Sky report, revised'), author: 'A. Writer' },
        source('c', 'New one'),
      ],
    };
    const { sources } = compareVersions(before, after);
    expect(sources.added.map((s) => s.id)).toEqual(['c']);
    expect(sources.removed.map((s) => s.id)).toEqual(['b']);
    expect(sources.changed).toEqual([
      {
        id: 'a',
        title: 'Sky report, revised',
        fields: [
          { field: 'Title', from: 'Sky report', to: 'Sky report, revised' },
          { field: 'Author', from: '', to: 'A. Writer' },
        ],
      },
    ]);
  });
});

describe('canCoalesce', () => {
  const head = {
    kind: 'autosave' as const,
    authorId: 'u1',
    createdAt: new Date('2026-01-01T10:00:00Z'),
    frozen: false,
  };
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 10, minutes));

  it('coalesces the same person’s autosaves within 10 minutes', () => {
    expect(canCoalesce(head, { kind: 'autosave', authorId: 'u1', now: at(9) })).toBe(true);
    expect(canCoalesce(head, { kind: 'autosave', authorId: 'u1', now: at(10) })).toBe(false);
  });

  it('never for another person, an explicit save, a non-autosave head or a frozen head', () => {
    expect(canCoalesce(head, { kind: 'autosave', authorId: 'u2', now: at(1) })).toBe(false);
    expect(canCoalesce(head, { kind: 'save', authorId: 'u1', now: at(1) })).toBe(false);
    expect(
      canCoalesce({ ...head, kind: 'save' }, { kind: 'autosave', authorId: 'u1', now: at(1) }),
    ).toBe(false);
    expect(
      canCoalesce({ ...head, frozen: true }, { kind: 'autosave', authorId: 'u1', now: at(1) }),
    ).toBe(false);
  });
});
