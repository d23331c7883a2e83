import { describe, expect, it } from 'vitest';
import { emptyBriefDocument } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';
import { makeSource } from '@/lib/content/test-fixtures';
import { type BriefForReaders, renderBriefArticle } from './brief-html';

const text = (value: string): RichNode => ({ type: 'text', text: value });
const cite = (citationId: string, sourceId: string, locator: string | null = null): RichNode => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator },
});
const doc = (...content: RichNode[]): RichNode => ({
  type: 'doc',
  content: [{ type: 'paragraph', content }],
});

function render(
  summary: RichNode,
  sources = defaultSources,
  more: Partial<BriefForReaders> = {},
): string {
  const brief: BriefForReaders = {
    document: { ...emptyBriefDocument(), question: 'Did it happen?', summary, sources },
    checkedOn: '2025-12-06',
    disclaimer: '',
    corrections: [],
    ...more,
  };
  return renderBriefArticle(brief).toString();
}

const defaultSources = [
  makeSource('a', {
    title: 'Annual report',
    publisher: 'Statistics Office',
    author: 'J. Doe',
    publishedAt: '2025-03-01',
    accessedAt: '2025-11-30',
    quote: 'Exports rose by 4% <b>in 2024</b>.',
    note: 'INTERNAL',
  }),
  makeSource('b', { title: 'Blog post', url: 'javascript:alert(1)', publisher: '' }),
];

/** Every card of a page, by id. */
function cardsOf(page: string): Map<string, string> {
  const cards = page.matchAll(
    /<div class="citation-card" id="([^"]+)" popover="hint">(.*?)<\/div>/g,
  );
  return new Map([...cards].map(([, id, inner]) => [id ?? '', inner ?? '']));
}

/** Each citation's marker and the card it names. */
function citationsOf(page: string): [string, string][] {
  return [...page.matchAll(/role="doc-biblioref" interestfor="([^"]+)">([^<]+)<\/a>/g)].map(
    ([, card, marker]) => [marker ?? '', card ?? ''],
  );
}

describe('citation cards', () => {
  const page = render(
    doc(
      text('Exports rose (see '),
      cite('c1', 'a', 'p. 12'),
      text(', '),
      cite('c2', 'b'),
      text(') and again '),
      cite('c3', 'a'),
      cite('c4', 'a', 'p. 12'),
      cite('c5', 'missing'),
    ),
  );

  it('gives each citation a card, one per source and pinpoint', () => {
    expect(citationsOf(page)).toEqual([
      ['[1, p. 12]', 'card-1-1'],
      ['[2]', 'card-2-1'],
      ['[1]', 'card-1-2'],
      ['[1, p. 12]', 'card-1-1'],
    ]);
    expect([...cardsOf(page).keys()]).toEqual(['card-1-1', 'card-2-1', 'card-1-2']);
    // A broken citation has no source to show, and names no card.
    expect(page).toContain('<span class="citation broken">[?]</span>');
    // The citation link still leads to the entry: the card is an addition.
    expect(page).toContain(
      '<a class="citation" id="cite-1-1" href="#source-1" role="doc-biblioref" interestfor="card-1-1">',
    );
  });

  it('shows the title, publisher, dates, pinpoint and quote, with links to the source and its entry', () => {
    const card = cardsOf(page).get('card-1-1');
    expect(card).toBe(
      '<p class="card-title"><cite>Annual report</cite></p>' +
        '<p class="card-details">Statistics Office. J. Doe. Published March 1, 2025. Accessed November 30, 2025.</p>' +
        '<p class="card-pinpoint">Pinpoint: p. 12</p>' +
        '<blockquote class="card-quote"><p>Exports rose by 4% &lt;b&gt;in 2024&lt;/b&gt;.</p></blockquote>' +
        '<p class="card-links"><a href="https://example.org/a" rel="nofollow noopener noreferrer">example.org/a</a> · <a href="#source-1">Source 1 in the list</a></p>',
    );
    // The same source without a pinpoint: its own card, with no pinpoint line.
    expect(cardsOf(page).get('card-1-2')).not.toContain('card-pinpoint');
    expect(page).not.toContain('INTERNAL');
  });

  it('links a source only to an http(s) address, as the list of sources does', () => {
    const card = cardsOf(page).get('card-2-1');
    expect(card).toBe(
      '<p class="card-title"><cite>Blog post</cite></p>' +
        '<p class="card-details">Accessed November 27, 2026.</p>' +
        '<p class="card-links"><a href="#source-2">Source 2 in the list</a></p>',
    );
  });

  it('links the archived copy too, first for a page gone since publication', () => {
    const archived = [
      makeSource('a', { archiveUrl: 'https://web.archive.org/web/2024/https://example.org/a' }),
    ];
    const linksOf = (out: string) =>
      cardsOf(out)
        .get('card-1-1')
        ?.match(/<p class="card-links">.*<\/p>/)?.[0];
    expect(linksOf(render(doc(cite('c1', 'a')), archived))).toBe(
      '<p class="card-links"><a href="https://example.org/a" rel="nofollow noopener noreferrer">example.org/a</a> · ' +
        '<a href="https://web.archive.org/web/2024/https://example.org/a" rel="nofollow noopener noreferrer">Archived copy</a> · ' +
        '<a href="#source-1">Source 1 in the list</a></p>',
    );
    expect(linksOf(render(doc(cite('c1', 'a')), archived, { goneSourceIds: ['a'] }))).toBe(
      '<p class="card-links"><a href="https://web.archive.org/web/2024/https://example.org/a" rel="nofollow noopener noreferrer">Archived copy</a> · ' +
        '<a href="https://example.org/a" rel="nofollow noopener noreferrer">example.org/a</a> (no longer online) · ' +
        '<a href="#source-1">Source 1 in the list</a></p>',
    );
    // A copy the archive service made of the address serves as well.
    const copied = render(doc(cite('c1', 'a')), [makeSource('a')], {
      archivedCopies: {
        a: {
          url: 'https://example.org/a',
          archiveUrl: 'https://archive.example/a',
          archivedOn: '2025-01-02',
        },
      },
      goneSourceIds: ['a'],
    });
    expect(linksOf(copied)).toContain(
      '<a href="https://archive.example/a" rel="nofollow noopener noreferrer">Archived copy</a> · <a href="https://example.org/a"',
    );
  });

  it('stays cheap: 60 citations of 3 sources make 3 cards', () => {
    const many = Array.from({ length: 60 }, (_, i) => cite(`c${i}`, ['a', 'b', 'c'][i % 3] ?? 'a'));
    const out = render(doc(text('Many '), ...many), [...defaultSources, makeSource('c')]);
    expect(citationsOf(out)).toHaveLength(60);
    expect(cardsOf(out).size).toBe(3);
  });

  it('adds nothing to a brief without citations', () => {
    expect(render(doc(text('No citation.')))).not.toContain('citation-card');
  });
});
