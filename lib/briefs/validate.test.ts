import { describe, expect, it } from 'vitest';
import { type BriefDocument, emptyBriefDocument } from './document';
import { makeSource } from './test-fixtures';
import { parseBriefDocument } from './validate';

const source = makeSource('src1', {
  title: 'A report',
  url: 'https://example.org/a',
  note: 'internal',
});

function withBody(content: unknown[]): unknown {
  return { ...emptyBriefDocument(), sources: [source], body: { type: 'doc', content } };
}

const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const link = (href: string) => ({
  type: 'text',
  text: 'click',
  marks: [{ type: 'link', attrs: { href } }],
});

function problems(input: unknown): string[] {
  const result = parseBriefDocument(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('parseBriefDocument', () => {
  it('accepts a full brief and returns it re-serialized by the schema', () => {
    const input = withBody([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '1. Section' }] },
      paragraph(
        { type: 'text', text: 'Claim ', marks: [{ type: 'bold' }] },
        { type: 'citation', attrs: { citationId: 'c1', sourceId: 'src1', locator: 'p. 12' } },
        { type: 'hardBreak' },
        link('https://example.org/x'),
      ),
      {
        type: 'bulletList',
        content: [{ type: 'listItem', content: [paragraph({ type: 'text', text: 'item' })] }],
      },
      { type: 'blockquote', content: [paragraph({ type: 'text', text: 'quoted' })] },
    ]);
    const result = parseBriefDocument(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const body = result.document.body;
    expect(body.content?.[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: '1. Section' }],
    });
    // Defaults are filled in by the schema.
    expect(body.content?.[1]?.attrs).toEqual({ noCitationNeeded: false });
    expect(body.content?.[1]?.content?.[1]).toEqual({
      type: 'citation',
      attrs: { citationId: 'c1', sourceId: 'src1', locator: 'p. 12' },
    });
  });

  it('rejects unknown nodes and marks', () => {
    expect(problems(withBody([{ type: 'image', attrs: { src: 'x' } }])).join()).toMatch(/^body/);
    expect(
      problems(withBody([paragraph({ type: 'text', text: 'x', marks: [{ type: 'underline' }] })])),
    ).not.toEqual([]);
  });

  it('rejects unknown and ill-typed attributes', () => {
    expect(problems(withBody([{ type: 'heading', attrs: { level: 1 }, content: [] }]))).not.toEqual(
      [],
    );
    expect(
      problems(withBody([{ type: 'paragraph', attrs: { onclick: 'alert(1)' }, content: [] }])),
    ).not.toEqual([]);
    expect(
      problems(
        withBody([paragraph({ type: 'citation', attrs: { citationId: 'c1', sourceId: 'x y' } })]),
      ),
    ).not.toEqual([]);
  });

  it('rejects content a part does not allow (a heading in the summary)', () => {
    const input = {
      ...emptyBriefDocument(),
      summary: { type: 'doc', content: [{ type: 'heading', attrs: { level: 2 } }] },
    };
    expect(problems(input)).not.toEqual([]);
  });

  it('rejects a structure the schema forbids (text directly in the document)', () => {
    expect(problems(withBody([{ type: 'text', text: 'loose' }])).join()).toMatch(
      /Body: this content is not allowed here/,
    );
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    'java\tscript:alert(1)',
    '\u0001javascript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/',
    'not a url',
  ])('refuses the link %j', (href) => {
    expect(problems(withBody([paragraph(link(href))])).join()).toMatch(
      /Links must start with http:\/\/, https:\/\/ or mailto:/,
    );
  });

  it.each(['https://example.org/a?b=c', 'http://example.org', 'mailto:desk@example.org'])(
    'accepts the link %j',
    (href) => {
      expect(problems(withBody([paragraph(link(href))]))).toEqual([]);
    },
  );

  it('refuses a source URL that is not http(s) and a date that is not a date', () => {
    const input = {
      ...emptyBriefDocument(),
      sources: [{ ...source, url: 'ftp://example.org/x', publishedAt: '2026-02-30' }],
    };
    expect(problems(input)).toEqual([
      'sources.0.url: Enter an address starting with http:// or https://.',
      'sources.0.publishedAt: Enter a date as YYYY-MM-DD.',
    ]);
  });

  it('refuses duplicate citation ids and duplicate source ids', () => {
    const citation = { type: 'citation', attrs: { citationId: 'c1', sourceId: 'src1' } };
    expect(problems(withBody([paragraph(citation), paragraph(citation)]))).toEqual([
      'body: Two citations share one id.',
    ]);
    const doc = { ...emptyBriefDocument(), sources: [source, source] } as BriefDocument;
    expect(problems(doc)).toEqual(['sources.1.id: Two sources share one id.']);
  });

  it('refuses unknown top-level fields, too many sources and deep nesting', () => {
    expect(problems({ ...emptyBriefDocument(), checkedOn: '2026-01-01' })).not.toEqual([]);
    const many = Array.from({ length: 2001 }, (_, i) => ({ ...source, id: `s${i}` }));
    expect(problems({ ...emptyBriefDocument(), sources: many })).toContain(
      'sources: At most 2,000 sources.',
    );
    let deep: unknown = paragraph({ type: 'text', text: 'x' });
    for (let i = 0; i < 40; i++) deep = { type: 'blockquote', content: [deep] };
    expect(problems(withBody([deep]))).toEqual([': The document is nested too deeply.']);
  });
});
