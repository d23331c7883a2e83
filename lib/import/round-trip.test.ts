import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type BriefDocument, emptyBriefDocument, type Source } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';
import { makeSource } from '@/lib/content/test-fixtures';
import { parseBriefDocument } from '@/lib/content/validate';
import { exportFile } from '@/lib/export/formats';
import { briefToMarkdown } from '@/lib/export/markdown';
import { type ImportReport, importBrief } from './parse';
import { readProvenance } from './provenance';

type Mark = NonNullable<RichNode['marks']>[number];

let citations = 0;
const cite = (sourceId: string, locator: string | null = null, marks?: Mark[]): RichNode => ({
  type: 'citation',
  attrs: { citationId: `c${++citations}`, sourceId, locator },
  ...(marks ? { marks } : {}),
});
const text = (value: string, marks?: Mark[]): RichNode =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const paragraph = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });
const exempt = (...content: RichNode[]): RichNode => ({
  type: 'paragraph',
  attrs: { noCitationNeeded: true },
  content,
});
const heading = (level: 2 | 3, ...content: RichNode[]): RichNode => ({
  type: 'heading',
  attrs: { level },
  content,
});
const item = (...content: RichNode[]): RichNode => ({ type: 'listItem', content });
const doc = (...content: RichNode[]): RichNode => ({ type: 'doc', content });
const bold: Mark = { type: 'bold' };
const italic: Mark = { type: 'italic' };
const link = (href: string): Mark => ({ type: 'link', attrs: { href } });

/**
 * A brief using every feature the Markdown export writes, including text that looks like the
 * structure the importer reads (part names, bullets, numbers, pipes) and pinpoints that look
 * like Markdown or like more source numbers. Its sources are in citation order, then uncited.
 */
function everyFeature(): BriefDocument {
  const sources: Source[] = [
    makeSource('s-a', {
      title: 'Speech [full] *text* & <more>',
      url: 'https://en.wikipedia.org/wiki/Speech_(disambiguation)',
      publisher: 'City Hall — Press office',
      author: 'Jane Q. Doe',
      publishedAt: '2025-05-02',
      accessedAt: '2025-12-06',
      archiveUrl: 'https://web.archive.org/web/2025/https://example.org/speech',
      quote: 'We will build it.\n\nAnd pay for it:\n- Author: not a field\n  indented line',
      note: 'Checked by phone.\nTwice.',
    }),
    makeSource('s-b', { title: '', url: 'https://example.org/untitled', publisher: 'Wire' }),
    makeSource('s-c', { title: 'Budget', url: '', publisher: 'Council', incomplete: true }),
    makeSource('s-d', { title: 'No accessed date', accessedAt: '' }),
    makeSource('s-uncited', { title: 'Background reading', author: 'A. N. Other' }),
  ];
  const parsed = parseBriefDocument({
    question: 'Did the *mayor* say “[3] <b>&amp;” about_this?',
    summary: doc(
      paragraph(
        text('She '),
        text('did', [bold]),
        text(', on '),
        text('May 2', [italic, bold]),
        text(' '),
        cite('s-a'),
        cite('s-b', 'p. 12'),
        text(', '),
        text('said so ', [bold]),
        cite('s-a', null, [bold]),
        text('.'),
      ),
      exempt(text('Some context needs no source.')),
      paragraph(text('A claim '), cite('s-a'), text('3 times, and '), cite('s-b'), text('(2019).')),
    ),
    body: doc(
      paragraph(text('Opening paragraph before any section '), cite('s-a'), text('.')),
      heading(2, text('1. What was said')),
      paragraph(
        text('The '),
        text('full speech', [link('https://example.org/speech_(2025)')]),
        text(' says [3] literally, with *stars*, _underscores_, `ticks`, <tags> & \\slashes'),
        { type: 'hardBreak' },
        text('- and a second line '),
        cite('s-c'),
        { type: 'hardBreak' },
        text('Limitations: a line that only looks like a part '),
        cite('s-c'),
      ),
      {
        type: 'orderedList',
        attrs: { start: 3 },
        content: [
          item(paragraph(text('third '), cite('s-a'))),
          item(paragraph(text('fourth'), { type: 'hardBreak' }, text('with a second line')), {
            type: 'bulletList',
            content: [item(paragraph(text('nested '), cite('s-b')))],
          }),
          item(exempt(text('an item that needs no source'))),
          item(
            paragraph(text('an item of two paragraphs '), cite('s-a')),
            paragraph(text('the second one '), cite('s-b')),
            { type: 'bulletList', content: [item(paragraph(text('and a list '), cite('s-b')))] },
            paragraph(text('and a third one '), cite('s-a')),
          ),
        ],
      },
      {
        type: 'blockquote',
        content: [
          paragraph(text('A quoted line '), cite('s-b')),
          exempt(text('A quoted aside.')),
          {
            type: 'bulletList',
            content: [
              item(paragraph(text('a quoted item '), cite('s-a', 'p. 3'))),
              item(paragraph(text('and another '), cite('s-b'))),
            ],
          },
          heading(3, text('A quoted heading')),
          {
            type: 'blockquote',
            content: [
              paragraph(text('A quotation in the quotation '), cite('s-c')),
              exempt(text('Limitations: quoted, not the part')),
            ],
          },
        ],
      },
      heading(3, text('Detail '), text('in italics', [italic])),
      heading(3, text('A heading'), { type: 'hardBreak' }, text('# on two lines')),
      exempt(text('Common knowledge.')),
      paragraph(text('1. Not a list, # not a heading, '), cite('s-a', '12')),
      paragraph(text('1) Not a list either '), cite('s-a', '12, 14')),
      paragraph(text('• Not a bullet '), cite('s-a', 'p. *12* & [fig. 3]')),
      paragraph(text('– Not a dash item '), cite('s-a', '00:14:05')),
      paragraph(text('| not | a table | '), cite('s-a', '§3_b')),
      exempt(text('| a | table row, as text |')),
      paragraph(text('Limitations: not the limitations '), cite('s-b')),
      paragraph(text('Want to dive deeper?')),
      heading(2, text('Limitations')),
      paragraph(text('Sources')),
      paragraph(text('Two breaks'), { type: 'hardBreak' }, { type: 'hardBreak' }, text('in a row')),
      paragraph(text('See '), text('[1]', [link('https://example.org/one')]), cite('s-d')),
      paragraph(
        text('A cited link ', [link('https://example.org/x')]),
        cite('s-b', null, [link('https://example.org/x')]),
      ),
    ),
    limitations: doc(
      paragraph(text('Only two sources '), cite('s-c'), text('.')),
      exempt(text('Related questions')),
    ),
    relatedQuestions: [
      { text: 'Who else said it?' },
      { text: 'When [1] was it *said*?' },
      { text: 'Limitations: what are they?' },
      { text: '- a dash first' },
    ],
    sources,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.document;
}

/** A document whose ids (generated anew by every import) are replaced by their place. */
function withPlaces(document: BriefDocument): unknown {
  const sourcePlace = new Map(document.sources.map((s, i) => [s.id, `source-${i + 1}`]));
  let citation = 0;
  const visit = (node: RichNode): RichNode => {
    const copy = { ...node };
    if (copy.type === 'citation') {
      copy.attrs = {
        ...copy.attrs,
        citationId: `citation-${++citation}`,
        sourceId: sourcePlace.get(String(copy.attrs?.sourceId)),
      };
    }
    if (copy.content) copy.content = copy.content.map(visit);
    return copy;
  };
  return {
    ...document,
    summary: visit(document.summary),
    body: visit(document.body),
    limitations: visit(document.limitations),
    sources: document.sources.map((s) => ({ ...s, id: sourcePlace.get(s.id) })),
  };
}

function reimport(markdown: string): { document: BriefDocument; report: ImportReport } {
  const result = importBrief(markdown, { today: '2026-11-27' });
  if (!result.ok) throw new Error(result.error);
  return result;
}

function valid(document: BriefDocument): BriefDocument {
  const parsed = parseBriefDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.document;
}

const briefId = '0b6e7f2c-3a41-4c1e-9d0a-5f1e2d3c4b5a';

describe('Markdown export → import', () => {
  it('gives back the same document, for every feature the export writes', async () => {
    const original = everyFeature();
    const file = await exportFile(original, { briefId, versionNumber: 3, format: 'markdown' });
    // What the import does with an uploaded export: its provenance line is read, then blanked.
    const { text, named } = readProvenance(file.body);
    expect(named).toEqual([{ briefId, versionNumber: 3 }]);
    const { document, report } = reimport(text);
    expect(withPlaces(document)).toEqual(withPlaces(original));
    expect(briefToMarkdown(document)).toBe(briefToMarkdown(original));
    // Nothing was guessed: the only points are the sources' own.
    expect(report.notes.filter((n) => n.severity === 'attention').map((n) => n.message)).toEqual([
      'Source 5 is never cited in the text; it was kept as an uncited source.',
    ]);
  });

  it.each([
    [
      'bold ending on punctuation before a letter',
      [text('Note.', [bold]), text('Then '), cite('s1')],
    ],
    ['bold opening on punctuation after a letter', [text('word'), text('(x)', [bold]), cite('s1')]],
    [
      'bold around a citation before a letter',
      [text('claim', [bold]), cite('s1', null, [bold]), text('then')],
    ],
    [
      'adjacent citations, the second one bold',
      [text('x '), cite('s1'), cite('s1', null, [bold]), cite('s1')],
    ],
    ['bold then italic', [text('a', [bold]), text('b', [italic]), cite('s1')]],
    [
      'a citation in a link',
      [
        text('see ', [link('https://example.org/l')]),
        cite('s1', null, [link('https://example.org/l')]),
      ],
    ],
  ])('gives back %s', (_name, content) => {
    const original = valid({
      ...emptyBriefDocument(),
      question: 'Is it so, then?',
      summary: doc(paragraph(...content)),
      sources: [makeSource('s1')],
    });
    expect(withPlaces(reimport(briefToMarkdown(original)).document)).toEqual(withPlaces(original));
  });

  it('gives back a new, empty brief', () => {
    const original = valid(emptyBriefDocument());
    expect(withPlaces(reimport(briefToMarkdown(original)).document)).toEqual(withPlaces(original));
  });

  it('gives back a draft without sources whose body ends like a source list', () => {
    const original = valid({
      ...emptyBriefDocument(),
      question: 'Is the report online?',
      summary: doc(paragraph(text('Yes.'))),
      body: doc(
        paragraph(text('See the annex.')),
        {
          type: 'orderedList',
          content: [
            item(paragraph(text('The report', [link('https://example.org/report')]))),
            item(paragraph(text('https://example.org/annex'))),
          ],
        },
        paragraph(text('https://example.org/appendix')),
      ),
    });
    expect(withPlaces(reimport(briefToMarkdown(original)).document)).toEqual(withPlaces(original));
  });

  it.each([
    'Fact check: did the mayor say it?',
    'Fact-checked — was the bridge paid for?',
    'Summary: is the bridge the longest in Europe?',
    'Key findings: what did the audit say?',
    'Checked on May 2: was the statement true?',
    'Disclaimer: who wrote the leaflet?',
    'Limitations: what does the law allow?',
    '',
  ])('gives back the question “%s”', (question) => {
    const original = valid({
      ...everyFeature(),
      question,
    });
    const { document, report } = reimport(briefToMarkdown(original));
    expect(document.question).toBe(question);
    if (!question) {
      expect(report.notes).toContainEqual({
        line: 1,
        severity: 'attention',
        message:
          'The question is empty (this heading has no text): write it before the brief is submitted.',
      });
    }
  });

  it('gives back the sample brief, read from the text with one paragraph per line', () => {
    const text = readFileSync(
      new URL('./fixtures/nato-brief-line-per-paragraph.txt', import.meta.url),
      'utf8',
    );
    const first = reimport(text).document;
    expect(withPlaces(reimport(briefToMarkdown(first)).document)).toEqual(withPlaces(first));
  });
});
