import { describe, expect, it } from 'vitest';
import { calendarDate, decodePage, extractSourceDetails, joinAuthors } from './metadata';

const pageUrl = 'https://news.example/2024/03/vaccines';

const page = (head: string, body = '<p>Text.</p>') =>
  `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

describe('extractSourceDetails', () => {
  it('reads Highwire citation_* tags first, authors turned and joined', async () => {
    const html = page(`
      <meta name="citation_title" content="Measles vaccine effectiveness: a cohort study">
      <meta name="citation_author" content="Okafor, Ada">
      <meta name="citation_author" content="Lindqvist, Bo">
      <meta name="citation_author" content="Chen Wei">
      <meta name="citation_journal_title" content="Journal of Vaccine Studies">
      <meta name="citation_publisher" content="Example Press">
      <meta name="citation_publication_date" content="2024/03/05">
      <meta property="og:title" content="Shared title">
      <meta property="og:site_name" content="Example Journals">
      <title>Measles vaccine effectiveness | Example Journals</title>`);
    expect(await extractSourceDetails(html, pageUrl)).toEqual({
      fields: {
        title: 'Measles vaccine effectiveness: a cohort study',
        publisher: 'Journal of Vaccine Studies',
        author: 'Ada Okafor, Bo Lindqvist and Chen Wei',
        publishedAt: '2024-03-05',
      },
      found: {
        title: 'Highwire',
        publisher: 'Highwire',
        author: 'Highwire',
        publishedAt: 'Highwire',
      },
      missing: [],
    });
  });

  it('reads a JSON-LD NewsArticle before Dublin Core and Open Graph', async () => {
    const html = page(`
      <meta name="DC.title" content="Dublin Core title">
      <meta property="og:title" content="Open Graph title">
      <script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: 'Vaccines do not cause autism, a review finds',
        author: [
          { '@type': 'Person', name: 'Maria Rossi' },
          { '@type': 'Person', givenName: 'Tom', familyName: 'Baker' },
        ],
        publisher: { '@type': 'NewsMediaOrganization', name: 'The Daily Example' },
        datePublished: '2024-03-05T23:30:00-05:00',
      })}</script>`);
    const details = await extractSourceDetails(html, pageUrl);
    expect(details.fields).toEqual({
      title: 'Vaccines do not cause autism, a review finds',
      publisher: 'The Daily Example',
      author: 'Maria Rossi and Tom Baker',
      publishedAt: '2024-03-05',
    });
    expect(details.found.title).toBe('JSON-LD');
  });

  it('reads a JSON-LD ScholarlyArticle in a @graph, its journal as publisher', async () => {
    const html = page(`
      <script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', '@id': '#site', name: 'Example Journals' },
          { '@type': 'Organization', '@id': '#press', name: 'Example Press' },
          { '@type': 'Periodical', '@id': '#journal', name: 'Annals of Examples' },
          {
            '@type': ['ScholarlyArticle'],
            '@id': 'https://news.example/2024/03/vaccines#article',
            name: 'A randomised trial of examples',
            author: { '@id': '#author' },
            isPartOf: { '@type': 'PublicationIssue', isPartOf: { '@id': '#journal' } },
            publisher: { '@id': '#press' },
            datePublished: '2023-11-30',
          },
          { '@type': 'Person', '@id': '#author', name: 'Sam Ortiz' },
        ],
      })}</script>`);
    expect((await extractSourceDetails(html, pageUrl)).fields).toEqual({
      title: 'A randomised trial of examples',
      publisher: 'Annals of Examples',
      author: 'Sam Ortiz',
      publishedAt: '2023-11-30',
    });
  });

  it('reads a JSON-LD Report, picking the one about this page among several', async () => {
    const other = { '@type': 'NewsArticle', headline: 'Related story', url: 'https://x.example/a' };
    const report = {
      '@type': 'Report',
      url: 'https://www.news.example/2024/03/vaccines/',
      name: 'Annual vaccination coverage report',
      author: { '@type': 'Organization', name: 'Public Health Agency' },
      publisher: 'Public Health Agency',
      datePublished: '5 March 2024',
    };
    const html = page(
      `<script type="application/ld+json">${JSON.stringify([other, report])}</script>`,
    );
    const details = await extractSourceDetails(html, pageUrl);
    expect(details.fields).toEqual({
      title: 'Annual vaccination coverage report',
      publisher: 'Public Health Agency',
      author: 'Public Health Agency',
      publishedAt: '2024-03-05',
    });
  });

  it('reads Dublin Core (any case, DC. or DCTERMS.)', async () => {
    const html = page(`
      <meta name="DC.Title" content="Water quality statistics 2023">
      <meta name="DC.Creator" content="Statistics Office">
      <meta name="dcterms.publisher" content="Ministry of the Environment">
      <meta name="DCTERMS.issued" content="2024-01-15">
      <meta property="og:title" content="Water quality">`);
    const details = await extractSourceDetails(html, pageUrl);
    expect(details.fields).toEqual({
      title: 'Water quality statistics 2023',
      publisher: 'Ministry of the Environment',
      author: 'Statistics Office',
      publishedAt: '2024-01-15',
    });
    expect(details.found).toEqual({
      title: 'Dublin Core',
      publisher: 'Dublin Core',
      author: 'Dublin Core',
      publishedAt: 'Dublin Core',
    });
  });

  it('reads Open Graph, leaving a profile address out of the authors', async () => {
    const html = page(`
      <meta property="og:title" content="Ten myths about the flu">
      <meta property="og:site_name" content="Health Weekly">
      <meta property="article:author" content="https://facebook.example/someone">
      <meta property="article:published_time" content="2022-10-01T08:00:00Z">
      <title>Ten myths about the flu – Health Weekly</title>`);
    expect(await extractSourceDetails(html, pageUrl)).toEqual({
      fields: {
        title: 'Ten myths about the flu',
        publisher: 'Health Weekly',
        publishedAt: '2022-10-01',
      },
      found: { title: 'Open Graph', publisher: 'Open Graph', publishedAt: 'Open Graph' },
      missing: ['author'],
    });
  });

  it('falls back to <title> and <meta name="author">, and says what it could not find', async () => {
    const html = page(`<title>
        Budget   2025:\twhat changes
      </title><meta name="author" content="Jo Bloggs">`);
    expect(await extractSourceDetails(html, pageUrl)).toEqual({
      fields: { title: 'Budget 2025: what changes', author: 'Jo Bloggs' },
      found: { title: 'HTML', author: 'HTML' },
      missing: ['publisher', 'publishedAt'],
    });
  });

  it('reads what it can from broken HTML and broken JSON-LD', async () => {
    const html = `<html><head><title>Tags left open</title>
      <meta property=og:site_name content="Broken &amp; Co">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
      <meta name="citation_date" content="not a date">
      <div><span></div></p>
      <meta name="dc.date" content="05/03/2024">
      <meta property="article:published_time" content="2021-02-30">
      <body><div><p>no closing tags`;
    const details = await extractSourceDetails(html, pageUrl);
    expect(details.fields.publisher).toBe('Broken & Co');
    expect(details.fields.title).toBe('Tags left open');
    // Neither an ambiguous date nor an impossible one is guessed.
    expect(details.missing).toEqual(['author', 'publishedAt']);
  });

  it('finds nothing in a page without metadata, and nothing in an empty one', async () => {
    expect((await extractSourceDetails('<p>Just text', pageUrl)).missing).toEqual([
      'title',
      'publisher',
      'author',
      'publishedAt',
    ]);
    expect((await extractSourceDetails('', pageUrl)).fields).toEqual({});
  });

  it('reads the head of a long page and leaves the rest of it unparsed', async () => {
    const paragraph = '<p>A <b>long</b> report, paragraph after paragraph.</p>';
    const late = `<script type="application/ld+json">${JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Read only if the whole page were parsed',
    })}</script>`;
    const html = page(
      '<meta property="og:title" content="A long report">',
      `${paragraph.repeat(20_000)}${late}`,
    );
    expect(html.length).toBeGreaterThan(1_000_000);
    expect((await extractSourceDetails(html, pageUrl)).fields.title).toBe('A long report');
  });

  it('strips control characters and keeps each value within the form limits', async () => {
    const longTitle = 'Word '.repeat(200);
    const authors = Array.from(
      { length: 40 },
      (_, n) => `<meta name="citation_author" content="Author Number${n}">`,
    );
    const html = page(`
      <meta name="citation_title" content="${longTitle}">
      <meta name="citation_publisher" content="Bad&#x7;Bell&#x81;Press">
      ${authors.join('')}`);
    const { fields } = await extractSourceDetails(html, pageUrl);
    expect([...fields.title!].length).toBeLessThanOrEqual(500);
    expect(fields.title!.endsWith('Word…')).toBe(true);
    expect(fields.publisher).toBe('Bad Bell Press');
    expect(fields.author).toBe('Author Number0 et al.');
  });

  it('counts a limit as the schema does (UTF-16 units) and never cuts a character in two', async () => {
    const html = page(`<meta name="citation_title" content="${'🦠'.repeat(400)}">`);
    const { fields } = await extractSourceDetails(html, pageUrl);
    expect(fields.title!.length).toBeLessThanOrEqual(500);
    expect(fields.title).toBe(`${'🦠'.repeat(249)}…`);
  });
});

describe('calendarDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024.03.05', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['2024-03-05T23:30:00-05:00', '2024-03-05'],
    ['2024-03-05 10:00', '2024-03-05'],
    ['5 March 2024', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    ['Sept. 21, 2023', '2023-09-21'],
    ['Tue, 05 Mar 2024 10:00:00 GMT', '2024-03-05'],
    ['1st June 2020', '2020-06-01'],
  ])('reads %s as %s', (text, date) => {
    expect(calendarDate(text)).toBe(date);
  });

  it.each([
    '05/03/2024',
    '2024',
    '2024-03',
    'March 2024',
    '2024-02-30',
    '5 Mayday 2024',
    'yesterday',
    '',
  ])('leaves %j unread', (text) => {
    expect(calendarDate(text)).toBeNull();
  });
});

describe('joinAuthors', () => {
  it('joins one, two and more names as the form takes them, each once', () => {
    expect(joinAuthors(['A'])).toBe('A');
    expect(joinAuthors(['A', 'B'])).toBe('A and B');
    expect(joinAuthors(['A', 'B', 'C', 'B', ' '])).toBe('A, B and C');
    expect(joinAuthors([])).toBeUndefined();
  });
});

describe('decodePage', () => {
  const decoded = (body: Buffer, contentType: string | null) => {
    const result = decodePage(body, contentType);
    return result.ok ? result.html : result.problem;
  };

  it('decodes by the Content-Type charset, then <meta charset>, then UTF-8 if the bytes are', () => {
    const latin1 = Buffer.from('<meta charset="iso-8859-1"><title>Caf\u00e9</title>', 'latin1');
    expect(decoded(latin1, 'text/html')).toContain('Café');
    const utf8 = Buffer.from('<title>Café</title>');
    expect(decoded(utf8, 'text/html')).toContain('Café');
    // The header wins over a <meta> that says otherwise, as in browsers.
    const mislabelled = Buffer.from('<meta charset="iso-8859-1"><title>Café</title>');
    expect(decoded(mislabelled, 'text/html; charset=UTF-8')).toContain('Café');
    // No charset anywhere and bytes that are not UTF-8: windows-1252.
    expect(
      decoded(Buffer.from('<title>Caf\u00e9 \u0093quoted\u0094</title>', 'latin1'), null),
    ).toContain('Café “quoted”');
    const shiftJis = Buffer.concat([
      Buffer.from('<meta charset="shift_jis"><title>'),
      Buffer.from([0x93, 0xfa, 0x96, 0x7b]),
      Buffer.from('</title>'),
    ]);
    expect(decoded(shiftJis, 'text/html; charset=bogus')).toContain('日本');
  });

  it('refuses a PDF or binary data sent as HTML', () => {
    expect(decoded(Buffer.from('%PDF-1.7\n%\u00e2\u00e3'), 'text/html')).toBe('pdf');
    expect(
      decoded(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'text/html'),
    ).toBe('binary');
  });

  it('reads a UTF-16 page with its byte order mark', () => {
    const body = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('<title>Ça</title>', 'utf16le'),
    ]);
    expect(decoded(body, 'text/html')).toContain('Ça');
  });
});
