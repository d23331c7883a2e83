import { readFileSync } from 'node:fs';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { describe, expect, it } from 'vitest';
import type { BriefDocument } from '@/lib/content/document';
import { numberedSources } from '@/lib/content/numbered-sources';
import type { RichNode } from '@/lib/content/numbering';
import { makeSource } from '@/lib/content/test-fixtures';
import { parseBriefDocument } from '@/lib/content/validate';
import { importBrief } from '@/lib/import/parse';
import { sourcesToCsl } from './csl';
import { briefToMarkdown } from './markdown';

const sample = readFileSync(
  new URL('../../scripts/seed-data/nato-brief.txt', import.meta.url),
  'utf8',
);

const cite = (sourceId: string, citationId: string, locator: string | null = null): RichNode => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator },
});
const text = (value: string, marks?: RichNode['marks']): RichNode =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const paragraph = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });

/** A brief using every kind of content an editor can write. */
function everything(): BriefDocument {
  const parsed = parseBriefDocument({
    question: 'Did the *mayor* say “[3] <b>&amp;” about_this?',
    summary: {
      type: 'doc',
      content: [
        paragraph(
          text('She '),
          text('did', [{ type: 'bold' }]),
          text(', on '),
          text('May 2', [{ type: 'italic' }, { type: 'bold' }]),
          text(' '),
          cite('s-b', 'c1'),
          cite('s-a', 'c2', 'p. 12'),
          text('.'),
        ),
      ],
    },
    body: {
      type: 'doc',
      content: [
        paragraph(text('Opening paragraph before any section '), cite('s-a', 'c3'), text('.')),
        { type: 'heading', attrs: { level: 2 }, content: [text('1. What was said')] },
        paragraph(
          text('The '),
          text('full speech', [
            { type: 'link', attrs: { href: 'https://example.org/speech_(2025)' } },
          ]),
          text(' says [3] literally, with *stars*, _underscores_, `ticks`, <tags> & \\slashes'),
          { type: 'hardBreak' },
          text('- and a second line '),
          cite('s-c', 'c4'),
        ),
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [
            { type: 'listItem', content: [paragraph(text('third '), cite('s-a', 'c5'))] },
            {
              type: 'listItem',
              content: [
                paragraph(text('fourth')),
                {
                  type: 'bulletList',
                  content: [{ type: 'listItem', content: [paragraph(text('nested'))] }],
                },
              ],
            },
          ],
        },
        { type: 'blockquote', content: [paragraph(text('A quoted line '), cite('s-b', 'c6'))] },
        { type: 'heading', attrs: { level: 3 }, content: [text('Detail')] },
        {
          type: 'paragraph',
          attrs: { noCitationNeeded: true },
          content: [text('Common knowledge.')],
        },
        paragraph(text('1. Not a list, # not a heading')),
      ],
    },
    limitations: {
      type: 'doc',
      content: [paragraph(text('Only two sources '), cite('s-c', 'c7'), text('.'))],
    },
    relatedQuestions: [{ text: 'Who else said it?' }, { text: 'When [1] was it *said*?' }],
    sources: [
      makeSource('s-a', {
        title: 'Speech [full] *text*',
        url: 'https://en.wikipedia.org/wiki/Speech_(disambiguation)',
        publisher: 'City Hall — Press office',
        author: 'Jane Q. Doe',
        publishedAt: '2025-05-02',
        accessedAt: '2025-12-06',
        archiveUrl: 'https://web.archive.org/web/2025/https://example.org/speech',
        quote: 'We will build it.\nAnd pay for it.',
        note: 'Checked by phone.',
      }),
      makeSource('s-b', { title: '', url: 'https://example.org/untitled', publisher: '' }),
      makeSource('s-c', { title: 'Budget', url: '', publisher: 'Council', incomplete: true }),
      makeSource('s-uncited', { title: 'Background reading' }),
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.document;
}

/** A document with ids replaced by what they mean: citations by their source's number. */
function comparable(document: BriefDocument) {
  const { numbers, cited, uncited } = numberedSources(document);
  const strip = (node: RichNode): RichNode => {
    if (node.type === 'citation') {
      return {
        type: 'citation',
        attrs: { n: numbers.get(String(node.attrs?.sourceId)), locator: node.attrs?.locator },
      };
    }
    return node.content ? { ...node, content: node.content.map(strip) } : node;
  };
  return {
    question: document.question,
    summary: strip(document.summary),
    body: strip(document.body),
    limitations: strip(document.limitations),
    relatedQuestions: document.relatedQuestions,
    sources: [...cited, ...uncited].map(({ id: _id, ...fields }) => fields),
  };
}

function reimport(markdown: string): BriefDocument {
  const result = importBrief(markdown, { today: '2026-11-27' });
  if (!result.ok) throw new Error(result.error);
  return result.document;
}

describe('briefToMarkdown', () => {
  it('writes the question, the parts, [n] markers and a numbered source list', () => {
    const markdown = briefToMarkdown(everything());
    expect(markdown).toMatch(/^# Did the \\\*mayor\\\* say/);
    expect(markdown).toContain(
      '## Executive summary\n\nShe **did**, on ***May 2*** [1] [2, p. 12].',
    );
    expect(markdown).toContain('## 1. What was said');
    expect(markdown).toContain('3. third [2]');
    expect(markdown).toContain('Common knowledge. <!-- no citation needed -->');
    expect(markdown).toContain('## Want to dive deeper?\n\n- Who else said it?');
    expect(markdown).toContain(
      '## Sources\n\n1. <https://example.org/untitled>\n   - Accessed: 2026-11-27\n2. [Speech \\[full\\] \\*text\\*](<https://en.wikipedia.org/wiki/Speech_(disambiguation)>) — City Hall — Press office\n   - Author: Jane Q. Doe',
    );
    expect(markdown).toContain('   - Quote: We will build it.\n     And pay for it.');
    expect(markdown).toContain(
      '4. [Background reading](<https://example.org/s-uncited>) — Example',
    );
  });

  it('writes a pinpoint inside its citation as the editor and the page show it: [1, p. 12]', () => {
    const document: BriefDocument = {
      ...everything(),
      summary: {
        type: 'doc',
        content: [
          paragraph(
            text('Cited '),
            cite('s-a', 'c1', 'p. 12'),
            cite('s-a', 'c2', '  '),
            cite('s-a', 'c3', '12–14'),
            cite('s-gone', 'c4', 'p. 1'),
          ),
        ],
      },
    };
    // A pinpoint of blanks is none; one that starts with a digit has the digit encoded, so that
    // it does not read as a second source number; a citation of a missing source has none.
    expect(briefToMarkdown(document)).toContain(
      '## Executive summary\n\nCited [1, p. 12] [1] [1, &#49;2–14] [?]\n',
    );
    const again = reimport(briefToMarkdown(document)).summary.content?.[0]?.content;
    const citations = again?.filter((node) => node.type === 'citation');
    expect(citations?.map((node) => node.attrs?.locator)).toEqual(['p. 12', null, '12–14']);
  });

  it('round-trips through the importer: same text, citations and sources', () => {
    const original = everything();
    const again = reimport(briefToMarkdown(original));
    expect(comparable(again)).toEqual(comparable(original));
    expect(briefToMarkdown(again)).toBe(briefToMarkdown(original));
  });

  it('round-trips the imported sample brief', () => {
    const first = importBrief(sample, { today: '2026-11-27' });
    if (!first.ok) throw new Error(first.error);
    expect(comparable(reimport(briefToMarkdown(first.document)))).toEqual(
      comparable(first.document),
    );
  });
});

// The CSL 1.0.2 item types and the variables a source record can fill.
const cslTypes = new Set([
  'article-newspaper',
  'article-magazine',
  'report',
  'webpage',
  'post',
  'document',
]);
const cslVariables = new Set([
  'id',
  'type',
  'title',
  'URL',
  'container-title',
  'author',
  'issued',
  'accessed',
  'note',
]);

describe('sourcesToCsl', () => {
  const items = sourcesToCsl(everything());

  it('gives one valid CSL-JSON item per source, in citation order', () => {
    expect(items.map((item) => item.id)).toEqual(['s-b', 's-a', 's-c', 's-uncited']);
    for (const item of items) {
      expect(cslTypes.has(item.type)).toBe(true);
      expect(Object.keys(item).every((key) => cslVariables.has(key))).toBe(true);
    }
    expect(items[1]).toEqual({
      id: 's-a',
      type: 'webpage',
      title: 'Speech [full] *text*',
      URL: 'https://en.wikipedia.org/wiki/Speech_(disambiguation)',
      'container-title': 'City Hall — Press office',
      author: [{ literal: 'Jane Q. Doe' }],
      issued: { 'date-parts': [[2025, 5, 2]] },
      accessed: { 'date-parts': [[2025, 12, 6]] },
      note: 'Archived copy: https://web.archive.org/web/2025/https://example.org/speech',
    });
    expect(JSON.stringify(items)).not.toContain('Checked by phone');
  });

  it('formats as a bibliography with citeproc (citation-js), so reference managers read it', () => {
    const bibliography = new Cite(items).format('bibliography', {
      format: 'text',
      template: 'apa',
      lang: 'en-US',
    });
    // APA title-cases the publisher.
    expect(bibliography).toContain(
      'Jane Q. Doe. (2025, May 2). Speech [full] *text*. City Hall — Press Office. https://en.wikipedia.org/wiki/Speech_(disambiguation)',
    );
    expect(bibliography).toContain('Background reading');
  });
});
