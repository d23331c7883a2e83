import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ForbiddenError, InvalidError } from '@/lib/errors';
import { type Actor, systemActor } from '@/lib/policy/policy';
import { fetchSourceDetails } from './details';
import { detailsFromCsl, doiAddress, parseDoi } from './doi';

const editor: Actor = { id: 'editor-1', email: 'e@example.org', name: 'Ed', role: 'editor' };

const cslItem = {
  type: 'article-journal',
  title: ['Vaccination and   autism: a cohort study'],
  'container-title': 'Annals of Examples',
  publisher: 'Example Press',
  author: [
    { given: 'Ada', family: 'Okafor' },
    { literal: 'The Example Study Group' },
    { family: 'Lindqvist' },
  ],
  issued: { 'date-parts': [[2019, 3, 5]] },
  DOI: '10.5555/12345678',
};

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const routes: Record<string, Handler> = {
  '/article': (_request, response) => {
    response.setHeader('content-type', 'text/html; charset=iso-8859-1');
    response.end(
      Buffer.from(
        '<html><head><title>Caf\u00e9 prices</title><meta property="og:site_name" content="The Example"></head></html>',
        'latin1',
      ),
    );
  },
  '/moved': (_request, response) => {
    response.writeHead(301, { location: '/article' }).end();
  },
  '/report.pdf': (_request, response) => {
    response.setHeader('content-type', 'application/pdf');
    response.end('%PDF-1.7\n');
  },
  '/lying': (_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  },
  '/pdf-as-html': (_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end('%PDF-1.4\n1 0 obj');
  },
  '/notes.txt': (_request, response) => {
    response.setHeader('content-type', 'text/plain');
    response.end('Just notes.');
  },
  '/gone': (_request, response) => {
    response.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title>');
  },
  // The resolver: doi.org answers a DOI by redirecting to the registration agency's data.
  '/10.5555/12345678': (request, response) => {
    response.writeHead(302, { location: '/agency/works/10.5555/12345678' }).end();
    seen.accept = request.headers.accept;
  },
  '/agency/works/10.5555/12345678': (request, response) => {
    seen.agencyAccept = request.headers.accept;
    response.setHeader('content-type', 'application/vnd.citationstyles.csl+json');
    response.end(JSON.stringify(cslItem));
  },
  // An agency without CSL-JSON: the DOI leads to its landing page.
  '/10.5555/landing': (request, response) => {
    if (!request.headers.accept?.includes('text/html')) return void response.writeHead(406).end();
    response.setHeader('content-type', 'text/html');
    response.end('<title>Landing page title</title>');
  },
  '/10.5555/error-json': (request, response) => {
    if (request.headers.accept?.includes('text/html')) {
      response.setHeader('content-type', 'text/html');
      return void response.end('<title>Found on the landing page</title>');
    }
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ status: 'error', message: 'No CSL for this DOI' }));
  },
  // Slow to say it has no CSL-JSON, and slow with its landing page too.
  '/10.5555/slow': (request, response) => {
    const html = request.headers.accept?.includes('text/html');
    setTimeout(
      () => {
        if (html) response.setHeader('content-type', 'text/html');
        response.end(html ? '<title>Too late</title>' : '{}');
      },
      html ? 3000 : 8000,
    );
  },
  '/10.5555/broken': (_request, response) => {
    response.setHeader('content-type', 'application/pdf');
    response.end('%PDF-1.4');
  },
};
const seen: { accept?: string; agencyAccept?: string } = {};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const handler = routes[decodeURIComponent(request.url ?? '')];
    if (handler) handler(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  // The fixture server is on this machine: allowed by the one setting made for it.
  vi.stubEnv('FACTDESK_FETCH_ALLOW', '127.0.0.1');
  vi.stubEnv('FACTDESK_DOI_RESOLVER', base);
  return () => vi.unstubAllEnvs();
});

describe('parseDoi', () => {
  it.each([
    ['10.1000/182', '10.1000/182'],
    [' doi:10.1038/nphys1170 ', '10.1038/nphys1170'],
    ['DOI: 10.1038/nphys1170', '10.1038/nphys1170'],
    ['https://doi.org/10.1002/(SICI)1097-4636', '10.1002/(SICI)1097-4636'],
    ['http://dx.doi.org/10.1000/a%23b', '10.1000/a#b'],
    ['doi.org/10.1000/182', '10.1000/182'],
    ['https://www.doi.org/10.1000.10/xyz', '10.1000.10/xyz'],
  ])('recognises %j', (input, doi) => {
    expect(parseDoi(input)).toBe(doi);
  });

  it.each([
    'https://example.org/10.1000/182',
    '10.10/short-registrant',
    '10.1000',
    'https://doi.org/',
    'https://doi.org/%E0%A4%A',
    'ten',
  ])('does not take %j for a DOI', (input) => {
    expect(parseDoi(input)).toBeNull();
  });

  it('escapes what a URL would misread in a DOI’s address', () => {
    expect(doiAddress('10.1000/a#b?c', 'https://doi.org')).toBe(
      'https://doi.org/10.1000/a%23b%3Fc',
    );
  });
});

describe('detailsFromCsl', () => {
  it('takes a full date only, the publisher when there is no container, and the first title', () => {
    expect(
      detailsFromCsl({
        title: ['First', 'Second'],
        publisher: 'Example Press',
        issued: { 'date-parts': [[2019, 3]] },
        'published-online': { 'date-parts': [['2019', '2', '28']] },
      }),
    ).toEqual({
      fields: { title: 'First', publisher: 'Example Press', publishedAt: '2019-02-28' },
      found: {
        title: 'DOI (CSL-JSON)',
        publisher: 'DOI (CSL-JSON)',
        publishedAt: 'DOI (CSL-JSON)',
      },
      missing: ['author'],
    });
    expect(detailsFromCsl({ title: 'T', issued: { 'date-parts': [[2019]] } })?.missing).toEqual([
      'publisher',
      'author',
      'publishedAt',
    ]);
  });

  it('is null for what is no CSL item', () => {
    expect(detailsFromCsl(undefined)).toBeNull();
    expect(detailsFromCsl([])).toBeNull();
    expect(detailsFromCsl({ title: 42 })).toBeNull();
    expect(detailsFromCsl({ message: 'Resource not found.' })).toBeNull();
  });
});

describe('fetchSourceDetails', () => {
  it('reads a page, following a redirect and decoding its charset', async () => {
    expect(await fetchSourceDetails(editor, `${base}/moved`)).toEqual({
      ok: true,
      fields: { title: 'Café prices', publisher: 'The Example' },
      found: { title: 'HTML', publisher: 'Open Graph' },
      missing: ['author', 'publishedAt'],
      finalUrl: `${base}/article`,
    });
  });

  it('asks the DOI resolver for CSL-JSON and maps it', async () => {
    for (const input of [
      '10.5555/12345678',
      'doi:10.5555/12345678',
      'https://doi.org/10.5555/12345678',
    ]) {
      expect(await fetchSourceDetails(editor, input)).toEqual({
        ok: true,
        fields: {
          title: 'Vaccination and autism: a cohort study',
          publisher: 'Annals of Examples',
          author: 'Ada Okafor, The Example Study Group and Lindqvist',
          publishedAt: '2019-03-05',
        },
        found: {
          title: 'DOI (CSL-JSON)',
          publisher: 'DOI (CSL-JSON)',
          author: 'DOI (CSL-JSON)',
          publishedAt: 'DOI (CSL-JSON)',
        },
        missing: [],
        finalUrl: `${base}/agency/works/10.5555/12345678`,
        url: 'https://doi.org/10.5555/12345678',
      });
    }
    expect(seen.accept).toBe('application/vnd.citationstyles.csl+json');
    expect(seen.agencyAccept).toBe('application/vnd.citationstyles.csl+json');
  });

  it('says so when the resolver does not know the DOI', async () => {
    expect(await fetchSourceDetails(editor, '10.5555/unknown')).toEqual({
      ok: false,
      message: expect.stringMatching(/does not know the DOI 10\.5555\/unknown/),
    });
  });

  it('reads the DOI’s landing page when the resolver sends no citation data', async () => {
    expect(await fetchSourceDetails(editor, '10.5555/landing')).toEqual({
      ok: true,
      fields: { title: 'Landing page title' },
      found: { title: 'HTML' },
      missing: ['publisher', 'author', 'publishedAt'],
      finalUrl: `${base}/10.5555/landing`,
      url: 'https://doi.org/10.5555/landing',
    });
    const fromErrorJson = await fetchSourceDetails(editor, '10.5555/error-json');
    expect(fromErrorJson.ok && fromErrorJson.fields).toEqual({
      title: 'Found on the landing page',
    });
    expect(await fetchSourceDetails(editor, '10.5555/broken')).toEqual({
      ok: false,
      message: expect.stringMatching(
        /sent no citation data for the DOI 10\.5555\/broken, and its page could not be read: .* sent a PDF/,
      ),
    });
  });

  it('gives a DOI one 10 s deadline for its resolver and its landing page together', async () => {
    const answer = await fetchSourceDetails(editor, '10.5555/slow');
    expect(answer).toEqual({
      ok: false,
      message: expect.stringMatching(
        /sent no citation data for the DOI 10\.5555\/slow, and its page could not be read: .*did not answer within/,
      ),
    });
  }, 20_000);

  it('refuses a PDF, whatever it is sent as, and plain text', async () => {
    for (const path of ['/report.pdf', '/pdf-as-html']) {
      const result = await fetchSourceDetails(editor, `${base}${path}`);
      expect(result).toEqual({
        ok: false,
        message: expect.stringContaining('cannot read details from a PDF yet'),
      });
    }
    expect(await fetchSourceDetails(editor, `${base}/notes.txt`)).toEqual({
      ok: false,
      message: expect.stringContaining('sent plain text, not a web page'),
    });
  });

  it('refuses binary data sent as HTML', async () => {
    expect(await fetchSourceDetails(editor, `${base}/lying`)).toEqual({
      ok: false,
      message: expect.stringContaining('said it sent a web page but sent something else'),
    });
  });

  it('reports the site’s error status and the fetcher’s own failures', async () => {
    expect(await fetchSourceDetails(editor, `${base}/gone`)).toEqual({
      ok: false,
      message: expect.stringContaining('answered 404 (page not found)'),
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await fetchSourceDetails(editor, `http://127.0.0.1:${port}/`)).toEqual({
      ok: false,
      message: `127.0.0.1:${port} refused the connection.`,
    });
  });

  it('reaches this machine only through FACTDESK_FETCH_ALLOW', async () => {
    vi.stubEnv('FACTDESK_FETCH_ALLOW', '');
    expect(await fetchSourceDetails(editor, `${base}/article`)).toEqual({
      ok: false,
      message:
        'The address points to this server itself (127.0.0.1), which Factdesk does not fetch.',
    });
  });

  it('refuses input that is neither an address nor a DOI, and people who may not edit', async () => {
    await expect(fetchSourceDetails(editor, 'hello')).rejects.toBeInstanceOf(InvalidError);
    await expect(fetchSourceDetails(editor, 'ftp://example.org/x')).rejects.toBeInstanceOf(
      InvalidError,
    );
    await expect(
      fetchSourceDetails(systemActor('command-line') as never, `${base}/article`),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
