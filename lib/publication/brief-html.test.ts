import { describe, expect, it } from 'vitest';
import { emptyBriefDocument } from '@/lib/content/document';
import { bodySchema, inlineSchema } from '@/lib/content/extensions';
import type { RichNode } from '@/lib/content/numbering';
import { unsafeCharacter } from '@/lib/content/safe-text';
import { makeSource } from '@/lib/content/test-fixtures';
import {
  type BriefForReaders,
  renderBriefArticle,
  renderedMarkTypes,
  renderedNodeTypes,
} from './brief-html';

type Mark = { type: string; attrs?: Record<string, unknown> };
const text = (value: string, marks?: Mark[]): RichNode => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
});
const cite = (citationId: string, sourceId: string, locator: string | null = null): RichNode => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator },
});
const paragraph = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });
const doc = (...content: RichNode[]): RichNode => ({ type: 'doc', content });

function article(overrides: Partial<BriefForReaders['document']> = {}): BriefForReaders {
  return {
    document: {
      ...emptyBriefDocument(),
      question: 'Did it happen?',
      summary: doc(paragraph(text('Summary '), cite('c1', 'a'), cite('c2', 'b', 'p. 12'))),
      body: doc(paragraph(text('Body '), cite('c3', 'a'))),
      sources: [makeSource('a', { title: 'Report A' }), makeSource('b', { title: 'Report B' })],
      ...overrides,
    },
    checkedOn: '2025-12-06',
    disclaimer: 'Checked by a second person.',
    corrections: [],
  };
}

const render = (brief: BriefForReaders) => renderBriefArticle(brief).toString();

describe('the article of a brief', () => {
  it('has an element for every node and mark of the shared extension list', () => {
    for (const schema of [bodySchema, inlineSchema]) {
      expect(renderedNodeTypes).toEqual(expect.arrayContaining(Object.keys(schema.nodes)));
      expect(renderedMarkTypes).toEqual(expect.arrayContaining(Object.keys(schema.marks)));
    }
  });

  it('renders headings, lists, quotes, breaks and marks as the editor has them', () => {
    const out = render(
      article({
        body: doc(
          { type: 'heading', attrs: { level: 2 }, content: [text('Section')] },
          { type: 'heading', attrs: { level: 3 }, content: [text('Subsection')] },
          paragraph(
            text('bold', [{ type: 'bold' }]),
            text('both', [{ type: 'bold' }, { type: 'italic' }]),
            { type: 'hardBreak' },
            text('link', [{ type: 'link', attrs: { href: 'https://example.org/x' } }]),
          ),
          {
            type: 'bulletList',
            content: [{ type: 'listItem', content: [paragraph(text('one'), cite('c3', 'a'))] }],
          },
          {
            type: 'orderedList',
            attrs: { start: 3 },
            content: [{ type: 'listItem', content: [paragraph(text('three'))] }],
          },
          { type: 'blockquote', content: [paragraph(text('quoted'))] },
        ),
      }),
    );
    expect(out).toContain(
      '<div class="body"><h2>Section</h2><h3>Subsection</h3><p><strong>bold</strong><strong><em>both</em></strong><br><a href="https://example.org/x" rel="noopener noreferrer nofollow">link</a></p>',
    );
    expect(out).toContain(
      '<ul><li><p>one<a class="citation" id="cite-1-2" href="#source-1" role="doc-biblioref" interestfor="card-1-1">[1]</a></p></li></ul><ol start="3"><li><p>three</p></li></ol><blockquote><p>quoted</p></blockquote></div>',
    );
    expect(out).not.toMatch(/<h[4-6]/);
  });

  it('shows a pinpoint inside its citation, and a citation of a missing source as [?]', () => {
    const out = render(
      article({
        summary: doc(paragraph(cite('c1', 'a'), cite('c2', 'b', 'p. 12'), cite('c9', 'gone'))),
      }),
    );
    expect(out).toContain(
      '<a class="citation" id="cite-1-1" href="#source-1" role="doc-biblioref" interestfor="card-1-1">[1]</a> <a class="citation" id="cite-2-1" href="#source-2" role="doc-biblioref" interestfor="card-2-1">[2, p. 12]</a> <span class="citation broken">[?]</span>',
    );
  });

  it('lists the pinpoints a source is cited at in its entry, each a link back to its citation', () => {
    const entry = (out: string, n: number) =>
      out.match(
        new RegExp(`<li id="source-${n}">.*?<span class="backlinks">(.*?)</span></li>`),
      )?.[1];
    const back = (n: number, k: number, label: string, shown: string) =>
      `<a href="#cite-${n}-${k}" role="doc-backlink" aria-label="${label}">${shown}</a>`;
    const out = render(
      article({
        summary: doc(paragraph(cite('c1', 'a', 'p. 12'), cite('c2', 'b'))),
        body: doc(paragraph(text('Body '), cite('c3', 'a'), cite('c4', 'a', ' p. 40 '))),
        limitations: doc(paragraph(cite('c5', 'c', '§3'))),
        sources: ['a', 'b', 'c'].map((id) => makeSource(id, { title: `Report ${id}` })),
      }),
    );
    expect(entry(out, 1)).toBe(
      [
        back(1, 1, 'Back to citation 1 of source 1 (p. 12)', '↩1\u00a0p. 12'),
        back(1, 2, 'Back to citation 2 of source 1', '↩2'),
        back(1, 3, 'Back to citation 3 of source 1 (p. 40)', '↩3\u00a0p. 40'),
      ].join(' · '),
    );
    // A source cited without pinpoints keeps its links as they were: "↩", or "↩1 ↩2".
    expect(entry(out, 2)).toBe(back(2, 1, 'Back to citation 1 of source 2', '↩'));
    expect(entry(out, 3)).toBe(back(3, 1, 'Back to citation 1 of source 3 (§3)', '↩\u00a0§3'));
    expect(entry(render(article({ summary: doc(paragraph(cite('c1', 'a'))) })), 1)).toBe(
      [
        back(1, 1, 'Back to citation 1 of source 1', '↩1'),
        back(1, 2, 'Back to citation 2 of source 1', '↩2'),
      ].join(' '),
    );
    expect(out).toMatch(/role="doc-biblioref" interestfor="card-1-\d">\[1, p\. 40\]<\/a>/);
  });

  it('says "Checked on" with the date, or nothing for a version nobody has checked', () => {
    expect(render(article())).toContain(
      '<p class="checked-on">Checked on <time datetime="2025-12-06">December 6, 2025</time></p>',
    );
    const unchecked = render({ ...article(), checkedOn: null, disclaimer: '' });
    expect(unchecked).not.toContain('checked-on');
    expect(unchecked).not.toContain('disclaimer');
  });

  it('keeps hostile text in every field and link as text, and links only to allowed addresses', () => {
    const evil = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>javascript:alert(1)&amp;\u0002`;
    const badLink = { type: 'link', attrs: { href: 'javascript:alert(1)' } };
    const sneakyLink = { type: 'link', attrs: { href: ' JaVa\tScRiPt:alert(1)' } };
    const dataLink = { type: 'link', attrs: { href: 'data:text/html,<script>alert(1)</script>' } };
    const brief: BriefForReaders = {
      document: {
        ...emptyBriefDocument(),
        question: evil,
        summary: doc(paragraph(text(evil, [badLink]), cite('c1', 'a', evil))),
        body: doc(
          { type: 'heading', attrs: { level: 2 }, content: [text(evil, [sneakyLink])] },
          paragraph(text(evil, [{ type: 'bold' }, dataLink]), cite('c2', 'b')),
          { type: 'orderedList', attrs: { start: evil, type: evil }, content: [] },
        ),
        limitations: doc(paragraph(text(evil))),
        relatedQuestions: [{ text: evil }, { text: 'Linked?' }],
        sources: [
          makeSource('a', {
            title: evil,
            publisher: evil,
            author: evil,
            url: 'javascript:alert(1)',
            archiveUrl: `https://archive.example/"><script>alert(1)</script>`,
            publishedAt: evil,
            accessedAt: evil,
            quote: evil,
          }),
          makeSource('b', { title: '', url: `data:text/html,${evil}` }),
        ],
      },
      checkedOn: '2025-12-06',
      disclaimer: evil,
      corrections: [{ id: 'n1', kind: evil, note: evil, notedOn: '2025-12-08' }],
      relatedSlugs: { 'linked?': `"><script>alert(1)</script>` },
    };
    const out = render(brief);

    // Only the renderer's own elements and attributes; every address allowed.
    const allowedTags = new Set(
      'article h1 h2 h3 p time section div ul ol li a cite span strong em blockquote br'.split(' '),
    );
    const allowedAttributes = new Set(
      'class id href role aria-labelledby aria-label datetime rel start type interestfor popover'.split(
        ' ',
      ),
    );
    const tag = /<\/?([a-z0-9]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g;
    for (const [, name, attributes] of out.matchAll(tag)) {
      expect(allowedTags, name).toContain(name);
      for (const [, attribute, value] of (attributes ?? '').matchAll(/([a-z-]+)="([^"]*)"/g)) {
        expect(allowedAttributes, attribute).toContain(attribute);
        if (attribute === 'href') expect(value).toMatch(/^(#[a-z0-9-]+$|\/briefs\/|https:\/\/)/);
      }
    }
    expect(out.replace(tag, '')).not.toMatch(/[<>]/);
    expect(out).not.toMatch(/javascript:alert\(1\)"|href="(javascript|data):/i);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(unsafeCharacter(out)).toBeNull();
    expect(out).not.toMatch(/[\u202a-\u202e]/);
    // The text itself is all there, escaped: question, summary, pinpoint, related, source,
    // correction, disclaimer.
    const escaped =
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;javascript:alert(1)&amp;amp;';
    expect(out.split(escaped).length - 1).toBeGreaterThanOrEqual(12);
    expect(out).toContain(`<h1>${escaped}</h1>`);
    expect(out).toContain(`[1, ${escaped}]</a>`);
    expect(out).toContain(
      `aria-label="Back to citation 1 of source 1 (${escaped})">↩\u00a0${escaped}</a>`,
    );
    expect(out).toContain(
      '<li><a href="/briefs/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E">Linked?</a></li>',
    );
    expect(out).toContain(`<strong>Note:</strong> ${escaped}`);
    // A link to a disallowed address is its text, not a link.
    expect(out).toContain(`<p>${escaped}<a class="citation"`);
    expect(out).toContain('<ol></ol>');
    // A source with no http(s) address has no link; an archive address is encoded, not broken.
    expect(out).toContain('href="https://archive.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"');
    expect(out).not.toContain('Published');
  });

  describe('Robust Links on a source with an archived copy', () => {
    // The links of the entry in the list (a citation's card links the source too).
    const links = (out: string) =>
      out
        .slice(out.indexOf('<section class="sources"'))
        .split('</section>')[0]
        ?.match(/<a href="[^"]*" rel="nofollow[^>]*>[^<]*<\/a>/g) ?? [];
    const only = (source: Partial<ReturnType<typeof makeSource>>, copies = {}) =>
      render({
        ...article({
          summary: doc(paragraph(text('Summary '), cite('c1', 'a'))),
          body: doc(),
          sources: [makeSource('a', { url: 'https://example.org/report', ...source })],
        }),
        archivedCopies: copies,
      });

    it('dates an archive URL typed in by its Wayback timestamp, and marks both links', () => {
      const out = only({
        archiveUrl: 'https://web.archive.org/web/20240305123456/https://example.org/report',
        accessedAt: '2024-03-07',
      });
      const attributes =
        'data-originalurl="https://example.org/report" data-versionurl="https://web.archive.org/web/20240305123456/https://example.org/report" data-versiondate="2024-03-05"';
      expect(links(out)).toEqual([
        `<a href="https://example.org/report" rel="nofollow noopener noreferrer" ${attributes}>example.org/report</a>`,
        `<a href="https://web.archive.org/web/20240305123456/https://example.org/report" rel="nofollow noopener noreferrer" ${attributes}>Archived copy</a>`,
      ]);
    });

    it('dates another archive by the day the source was accessed, or not at all', () => {
      expect(only({ archiveUrl: 'https://archive.ph/AbCd1', accessedAt: '2024-03-07' })).toContain(
        'data-versionurl="https://archive.ph/AbCd1" data-versiondate="2024-03-07"',
      );
      const undated = only({ archiveUrl: 'https://archive.ph/AbCd1', accessedAt: '' });
      expect(undated).toContain('data-versionurl="https://archive.ph/AbCd1">');
      expect(undated).not.toContain('data-versiondate');
    });

    it("shows the archive service's copy of the address when the source has no archive URL", () => {
      const copy = {
        url: 'https://example.org/report',
        archiveUrl: 'https://web.archive.org/web/20261201101010/https://example.org/report',
        archivedOn: '2026-12-01',
      };
      const out = only({}, { a: copy });
      expect(out).toContain(
        `data-originalurl="https://example.org/report" data-versionurl="${copy.archiveUrl}" data-versiondate="2026-12-01">Archived copy</a>`,
      );
      // The source's own archive URL wins; a copy of an address the source no longer has is not its.
      expect(only({ archiveUrl: 'https://archive.ph/AbCd1' }, { a: copy })).not.toContain(
        copy.archiveUrl,
      );
      expect(only({ url: 'https://example.org/other' }, { a: copy })).not.toContain('data-');
    });

    it('leaves a source without an archived copy as it was', () => {
      expect(only({})).not.toContain('data-');
    });

    it('offers the archived copy first for a page gone since publication', () => {
      const source = {
        archiveUrl: 'https://web.archive.org/web/20240305123456/https://example.org/report',
      };
      const gone = render({
        ...article({
          summary: doc(paragraph(text('Summary '), cite('c1', 'a'))),
          body: doc(),
          sources: [makeSource('a', { url: 'https://example.org/report', ...source })],
        }),
        goneSourceIds: ['a'],
      });
      const found = links(gone);
      expect(found[0]).toContain('>Archived copy</a>');
      expect(found[1]).toContain('>example.org/report</a>');
      expect(gone).toContain('example.org/report</a> (no longer online)');
      // Without an archived copy, the address stays as it was.
      const noCopy = render({
        ...article({
          summary: doc(paragraph(text('Summary '), cite('c1', 'a'))),
          body: doc(),
          sources: [makeSource('a', { url: 'https://example.org/report' })],
        }),
        goneSourceIds: ['a'],
      });
      expect(noCopy).not.toContain('no longer online');
      expect(links(noCopy)).toHaveLength(1);
    });
  });
});
