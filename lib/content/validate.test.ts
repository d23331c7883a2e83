import { describe, expect, it } from 'vitest';
import { InvalidError } from '@/lib/errors';
import { type BriefDocument, emptyBriefDocument, sourceFieldsSchema } from './document';
import { makeSource } from './test-fixtures';
import {
  assertWithinLimits,
  documentError,
  documentLimitProblems,
  parseBriefDocument,
  tooLargeMessage,
  utf8ByteLength,
} from './validate';

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

  it('accepts what it stores: every default the schema fills in passes the rules', () => {
    const input = withBody([
      paragraph(link('https://example.org/x'), { type: 'text', text: ' and ' }),
      {
        type: 'orderedList',
        content: [{ type: 'listItem', content: [paragraph({ type: 'text', text: 'item' })] }],
      },
      paragraph({ type: 'citation', attrs: { citationId: 'c1', sourceId: 'src1' } }),
    ]);
    const first = parseBriefDocument(input);
    if (!first.ok) throw new Error(JSON.stringify(first.problems));
    expect(first.document.body.content?.[1]?.attrs).toEqual({ start: 1, type: null });
    expect(first.document.body.content?.[0]?.content?.[0]?.marks?.[0]?.attrs).toMatchObject({
      rel: 'noopener noreferrer nofollow',
      target: null,
    });
    const again = parseBriefDocument(first.document);
    expect(again).toEqual(first);
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

describe('characters a brief cannot store', () => {
  const text = (value: string) => ({ type: 'text', text: value });
  const where = (input: unknown) => {
    const result = parseBriefDocument(input);
    return result.ok ? [] : result.problems;
  };

  it.each([
    ['U+0000', '\u0000', 'a control character (U+0000)'],
    ['U+0002', 'a\u0002b', 'a control character (U+0002)'],
    ['a lone surrogate', 'x\ud800y', 'an unpaired surrogate (U+D800)'],
  ])('refuses %s in every text of a brief, naming the field', (_name, bad, problem) => {
    const cases: [unknown, string, string][] = [
      [{ ...emptyBriefDocument(), question: `Is ${bad}?` }, 'question', 'Question'],
      [withBody([paragraph(text(bad))]), 'body.content.0.content.0.text', 'Body'],
      [
        {
          ...emptyBriefDocument(),
          summary: { type: 'doc', content: [paragraph(text(bad))] },
        },
        'summary.content.0.content.0.text',
        'Executive summary',
      ],
      [
        {
          ...emptyBriefDocument(),
          limitations: { type: 'doc', content: [paragraph(text(bad))] },
        },
        'limitations.content.0.content.0.text',
        'Limitations',
      ],
      [
        withBody([paragraph(link(`https://example.org/${bad}`))]),
        'body.content.0.content.0.marks.0.attrs.href',
        'A link in Body',
      ],
      [
        withBody([
          paragraph({
            type: 'citation',
            attrs: { citationId: 'c1', sourceId: 'src1', locator: `p. ${bad}` },
          }),
        ]),
        'body.content.0.content.0.attrs.locator',
        'A citation locator in Body',
      ],
      [
        { ...emptyBriefDocument(), relatedQuestions: [{ text: `Why ${bad}?` }] },
        'relatedQuestions.0.text',
        'Related question',
      ],
      [
        { ...emptyBriefDocument(), sources: [{ ...source, title: bad }] },
        'sources.0.title',
        'Source title',
      ],
      [
        { ...emptyBriefDocument(), sources: [{ ...source, url: `https://example.org/${bad}` }] },
        'sources.0.url',
        'Source URL',
      ],
      [
        { ...emptyBriefDocument(), sources: [{ ...source, note: bad }] },
        'sources.0.note',
        'Internal note',
      ],
    ];
    for (const [input, path, field] of cases) {
      expect(where(input)).toContainEqual({
        path,
        message: `${field} contains ${problem}, which cannot be saved. Remove it and try again.`,
      });
    }
  });

  it('keeps tabs and line breaks, and bidirectional marks in prose', () => {
    expect(where({ ...emptyBriefDocument(), question: 'Tabs\tare fine' })).toEqual([]);
    expect(where(withBody([paragraph(text('\u202Bعربي\u202C and \u200Fmore'))]))).toEqual([]);
  });

  it('refuses a bidirectional control in an address (source, archive, link)', () => {
    const spoof = 'https://example.org/\u202Egpj.exe';
    const messages = [
      ...where({ ...emptyBriefDocument(), sources: [{ ...source, url: spoof }] }),
      ...where({ ...emptyBriefDocument(), sources: [{ ...source, archiveUrl: spoof }] }),
      ...where(withBody([paragraph(link(spoof))])),
    ].map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/^Source URL contains a bidirectional control character \(U\+202E\)/),
      expect.stringMatching(/^Archive URL contains a bidirectional control character \(U\+202E\)/),
      expect.stringMatching(/^A link in Body contains a bidirectional control character/),
    ]);
  });

  it('refuses the same character in the source form', () => {
    const fields = { ...source, quote: 'said \u0000' } as Record<string, unknown>;
    delete fields.id;
    const parsed = sourceFieldsSchema.safeParse(fields);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['quote'],
      message: expect.stringMatching(/^Quote contains a control character \(U\+0000\)/),
    });
  });
});

describe('limits of one brief', () => {
  const euros = (count: number) => withBody([paragraph({ type: 'text', text: '€'.repeat(count) })]);

  it('counts bytes of UTF-8, not characters', () => {
    for (const value of ['', 'abc', 'é€', '😀x', 'a\ud800b', '\udc00']) {
      expect(utf8ByteLength(value)).toBe(Buffer.byteLength(value, 'utf8'));
    }
  });

  it('refuses 1,000,000 × € (3 MB of stored JSON, 1 MB of characters)', () => {
    expect(problems(euros(1_000_000))).toEqual([
      ': This brief is larger than 1 MB of content (3 MB); split it or remove material.',
    ]);
    // A third of that fits.
    expect(problems(euros(330_000))).toEqual([]);
  });

  it('checks a stored document with the same rules and message', () => {
    const stored = euros(1_000_000) as BriefDocument;
    expect(documentLimitProblems(stored)).toEqual([
      { path: '', message: tooLargeMessage(3_000_000 + JSON.stringify(stored).length - 1_000_000) },
    ]);
    expect(tooLargeMessage(3_000_400)).toBe(
      'This brief is larger than 1 MB of content (3 MB); split it or remove material.',
    );
    const many = {
      ...emptyBriefDocument(),
      relatedQuestions: Array.from({ length: 11 }, () => ({ text: 'Why?' })),
      sources: Array.from({ length: 2001 }, (_, i) => makeSource(`s${i}`)),
    };
    expect(documentLimitProblems(many).map((p) => p.message)).toEqual([
      'At most 2,000 sources.',
      'At most 10 related questions.',
    ]);
    expect(() => assertWithinLimits(stored)).toThrow(InvalidError);
    expect(() => assertWithinLimits(emptyBriefDocument())).not.toThrow();
  });

  it('reports each field once and keeps the answer small', () => {
    const error = documentError(
      Array.from({ length: 1000 }, (_, i) => ({
        path: `body.content.${i}.content.0.text`,
        message: 'Body contains a control character (U+0000).',
      })),
    );
    expect(error.message).toBe('Body contains a control character (U+0000).');
    expect(Object.keys(error.fieldErrors)).toHaveLength(100);
  });
});
