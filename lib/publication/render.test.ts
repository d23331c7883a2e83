import { describe, expect, it } from 'vitest';
import { emptyBriefDocument } from '@/lib/content/document';
import { unsafeCharacter } from '@/lib/content/safe-text';
import { makeSource } from '@/lib/content/test-fixtures';
import { renderBriefArticle } from './brief-html';
import type { PublicBrief } from './queries';
import {
  defaultDisclaimer,
  publicArticle,
  renderGone,
  renderPublicBrief,
  type SiteSettings,
} from './render';
import { html } from './safe-html';

const site: SiteSettings = {
  name: 'Factdesk',
  baseUrl: 'https://facts.example',
  disclaimer: defaultDisclaimer,
  pages: { methodology: false, correctionsPolicy: false },
};
const cite = (citationId: string, sourceId: string) => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator: null },
});
const text = (value: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
});

function brief(
  overrides: Partial<PublicBrief['document']> = {},
  question = 'Did it happen?',
): PublicBrief {
  const { note: _note, ...a } = makeSource('a', { title: 'Report A', publisher: 'Pub A' });
  const { note: _note2, ...b } = makeSource('b', {
    title: 'Report B',
    archiveUrl: 'https://archive.example/b',
  });
  return {
    slug: 'did-it-happen',
    question,
    checkedOn: '2025-12-06',
    firstPublishedAt: new Date('2025-12-06T10:00:00Z'),
    modifiedAt: new Date('2025-12-06T10:00:00Z'),
    reviewedBy: 'Rae Reviewer',
    corrections: [
      { id: 'n1', kind: 'correction', note: 'Fixed a <b>year</b>.', notedOn: '2025-12-08' },
    ],
    document: {
      ...emptyBriefDocument(),
      question,
      summary: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [text('Summary '), cite('c1', 'b'), cite('c2', 'a')] },
        ],
      },
      body: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [text('Body '), cite('c3', 'b')] }],
      },
      sources: [a, b],
      ...overrides,
    },
  };
}

describe('public brief page', () => {
  it('numbers citations by first appearance, links them to sources and back', () => {
    const html = renderPublicBrief(brief(), site);
    expect(html).toContain('<h1>Did it happen?</h1>');
    expect(html).toContain('Checked on <time datetime="2025-12-06">December 6, 2025</time>');
    expect(html).toContain(
      '<a class="citation" id="cite-1-1" href="#source-1" role="doc-biblioref" interestfor="card-1-1">[1]</a> <a class="citation" id="cite-2-1" href="#source-2" role="doc-biblioref" interestfor="card-2-1">[2]</a>',
    );
    expect(html).toContain('id="cite-1-2"');
    expect(html).toMatch(/<li id="source-1"><cite>Report B<\/cite>/);
    expect(html).toContain('<a href="#cite-1-2" role="doc-backlink"');
    expect(html).toContain('role="doc-bibliography"');
    expect(html).toContain('Archived copy');
  });

  it('escapes hostile text everywhere and never renders a javascript: link', () => {
    const hostile = '<script>alert(1)</script>';
    const html = renderPublicBrief(
      brief(
        {
          body: {
            type: 'doc',
            content: [
              {
                type: 'paragraph',
                content: [
                  text(hostile),
                  text('bad', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
                  text('long', [
                    { type: 'link', attrs: { href: `https://example.org/${'"><x'.repeat(5000)}` } },
                  ]),
                ],
              },
            ],
          },
        },
        `Is ${hostile} real?`,
      ),
      site,
    );
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain('"><x');
    expect(html).toContain('Fixed a &lt;b&gt;year&lt;/b&gt;.');
    // The JSON-LD cannot be closed early by a question containing </script>.
    const jsonLd =
      html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1] ?? '';
    expect(jsonLd).not.toContain('<');
    expect(JSON.parse(jsonLd).mainEntity.headline).toBe(`Is ${hostile} real?`);
  });

  it('drops characters no page may hold, wherever stored text appears', () => {
    const controls = '\u0002\u0008\u001b\uffff\ud800';
    const html = renderPublicBrief(
      {
        ...brief(
          {
            body: {
              type: 'doc',
              content: [{ type: 'paragraph', content: [text(`Body${controls} text`)] }],
            },
            relatedQuestions: [{ text: `Related${controls}?` }],
          },
          `Question${controls}?`,
        ),
        corrections: [
          { id: 'n1', kind: 'correction', note: `Note${controls}.`, notedOn: '2025-12-08' },
        ],
        reviewedBy: `Rae${controls}`,
      },
      site,
    );
    expect(unsafeCharacter(html)).toBeNull();
    expect(html).toContain('<h1>Question?</h1>');
    expect(html).toContain('Body text');
    expect(html).toContain('<li>Related?</li>');
    expect(html).toContain('Note.');
    const jsonLd = JSON.parse(
      html.match(/application\/ld\+json">([\s\S]*?)<\/script>/)?.[1] ?? '{}',
    );
    // Inside JSON the controls are \u escapes: the data keeps them, the page does not.
    expect(jsonLd.mainEntity.headline).toBe('Question\u0002\u0008\u001b\ud800?');
  });

  it('shows a source address without bidirectional controls, so it cannot pose as another', () => {
    const url = 'https://evil.example/\u202Emoc.elgoog\u202C';
    const { note: _note, ...source } = makeSource('a', { url, title: '' });
    const html = renderPublicBrief(
      brief({
        sources: [source],
        body: { type: 'doc', content: [{ type: 'paragraph', content: [cite('c1', 'a')] }] },
        summary: { type: 'doc', content: [{ type: 'paragraph', content: [cite('c2', 'a')] }] },
      }),
      site,
    );
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(html).toContain('<cite>evil.example/moc.elgoog</cite>');
    expect(html).toContain('>evil.example/moc.elgoog</a>');
  });

  it('describes the page for search engines and social cards', () => {
    const html = renderPublicBrief(brief(), site);
    expect(html).toContain(
      '<link rel="canonical" href="https://facts.example/briefs/did-it-happen">',
    );
    expect(html).toContain(
      '<meta name="description" content="Summary [1] [2]">'.replace(' [1] [2]', ''),
    );
    const data = JSON.parse(html.match(/application\/ld\+json">([\s\S]*?)<\/script>/)?.[1] ?? '{}');
    expect(data).toMatchObject({
      '@type': 'WebPage',
      lastReviewed: '2025-12-06',
      reviewedBy: { name: 'Rae Reviewer' },
      mainEntity: {
        '@type': 'Article',
        headline: 'Did it happen?',
        citation: [{ name: 'Report B' }, { name: 'Report A' }],
      },
    });
  });

  it('gives search engines the address the page links for a source, and none that it does not link', () => {
    const published = brief();
    const [a, b] = published.document.sources;
    const html = renderPublicBrief(
      brief({
        sources: [
          { ...a!, url: 'javascript:alert(1)' },
          { ...b!, url: 'https://example.org' },
        ],
      }),
      site,
    );
    const data = JSON.parse(html.match(/application\/ld\+json">([\s\S]*?)<\/script>/)?.[1] ?? '{}');
    expect(data.mainEntity.citation).toEqual([
      expect.objectContaining({ name: 'Report B', url: 'https://example.org/' }),
      expect.not.objectContaining({ url: expect.anything() }),
    ]);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://example.org/"');
  });

  it('links a related question to the published brief that asks it', () => {
    const html = renderPublicBrief(
      {
        ...brief({ relatedQuestions: [{ text: 'Was it  planned?' }, { text: 'Who <paid>?' }] }),
        relatedSlugs: { 'was it planned?': 'was-it-planned' },
      },
      site,
    );
    expect(html).toContain('<li><a href="/briefs/was-it-planned">Was it  planned?</a></li>');
    expect(html).toContain('<li>Who &lt;paid&gt;?</li>');
  });

  it('holds the article exactly as the one renderer makes it for the preview and the review screen', () => {
    const published = brief();
    const article = renderBriefArticle(publicArticle(published, site)).toString();
    expect(article).toMatch(/^<article class="brief">[\s\S]*<\/article>$/);
    expect(renderPublicBrief(published, site)).toContain(`<main id="main">\n${article}\n</main>`);
    // The preview puts its banner above the same article.
    const banner = html`<p class="preview-banner" role="note">Preview</p>`;
    expect(renderPublicBrief(published, site, banner)).toContain(
      `<main id="main">\n${banner}\n${article}\n</main>`,
    );
  });

  it('shows a pinpoint in its citation: [n, p. 12]', () => {
    const pinpointed = {
      type: 'citation',
      attrs: { citationId: 'c1', sourceId: 'a', locator: 'p. 12' },
    };
    const summary = { type: 'doc', content: [{ type: 'paragraph', content: [pinpointed] }] };
    const page = renderPublicBrief(brief({ summary }), site);
    expect(page).toContain(
      'href="#source-1" role="doc-biblioref" interestfor="card-1-1">[1, p. 12]</a>',
    );
  });

  it('says a withdrawn brief is gone without showing it', () => {
    const html = renderGone(site);
    expect(html).toContain('This brief has been withdrawn');
    expect(html).toContain('noindex');
    expect(html).not.toContain('withdrawal-notice');
  });

  it('gives the reason the newsroom wrote for readers, escaped, and the date', () => {
    const html = renderGone(site, {
      notice: 'A source retracted its <b>figures</b>.',
      withdrawnOn: '2026-02-03',
    });
    expect(html).toContain(
      '<p>Withdrawn on <time datetime="2026-02-03">February 3, 2026</time>. It is no longer published.</p>',
    );
    expect(html).toContain('<p>A source retracted its &lt;b&gt;figures&lt;/b&gt;.</p>');
  });
});
