import { describe, expect, it } from 'vitest';
import { tinyPdf } from './fixtures/tiny-pdf';
import { readableKind, readableText } from './readable-text';

const page = (body: string, head = '<title>The page</title>') =>
  Buffer.from(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);

describe("a captured page's readable text", () => {
  it("reads an HTML page's article, without its navigation, keeping paragraphs", async () => {
    const article = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i} of the article, long enough to count as one: the minister said the   budget would grow by four per cent.</p>`,
    ).join('');
    const read = await readableText(
      page(
        `<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Budget</h1>${article}</article><footer>© Site</footer>`,
      ),
      'text/html; charset=utf-8',
      'text/html',
    );
    expect(read?.kind).toBe('html');
    expect(read?.title).toBe('The page');
    expect(read?.text).toContain(
      'Paragraph 0 of the article, long enough to count as one: the minister said the budget',
    );
    expect(read?.text).toContain('\n');
    expect(read?.text).not.toContain('Home');
  });

  it('falls back to the whole text of a page without an article, and reads short pages', async () => {
    const read = await readableText(page('<div>Just a line.</div>'), 'text/html', 'text/html');
    expect(read?.text).toContain('Just a line.');
  });

  it('decodes the charset of the header, or of the page', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('<html><head><meta charset="iso-8859-1"><title>x</title></head><body><p>'),
      Buffer.from('Caf\xe9 cr\xe8me', 'latin1'),
      Buffer.from('</p></body></html>'),
    ]);
    expect((await readableText(latin1, 'text/html', 'text/html'))?.text).toContain('Café crème');
    expect(
      (await readableText(latin1, 'text/html; charset=windows-1252', 'text/html'))?.text,
    ).toContain('Café crème');
  });

  it("reads a PDF's text and title, whatever type it was sent as", async () => {
    const pdf = tinyPdf('The quoted words are here.', 'A report');
    for (const type of ['application/pdf', 'text/html', null]) {
      const read = await readableText(pdf, type, type);
      expect(read).toEqual({ kind: 'pdf', title: 'A report', text: 'The quoted words are here.' });
    }
  });

  it('reads no text from binary content, a broken PDF or an image', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]);
    expect(readableKind(binary, 'text/html')).toBeNull();
    expect(await readableText(binary, 'text/html', 'text/html')).toBeNull();
    expect(
      await readableText(Buffer.from('%PDF-1.4 nonsense'), 'application/pdf', 'application/pdf'),
    ).toBeNull();
    expect(await readableText(Buffer.from('GIF89a'), 'image/gif', 'image/gif')).toBeNull();
    expect(
      (
        await readableText(
          Buffer.from('Plain  words.\r\n\r\n\r\nMore.'),
          'text/plain',
          'text/plain',
        )
      )?.text,
    ).toBe('Plain words.\n\nMore.');
  });

  it('reads a page nested thousands deep whole, in bounded time, instead of its article', async () => {
    const deep = Buffer.from(
      `<html><body>${'<div>'.repeat(60_000)}Deep down.${'</div>'.repeat(60_000)}</body></html>`,
    );
    // Readability took 145 s on 5,000 levels before it was kept from such pages: the test's
    // time limit is the bound.
    expect((await readableText(deep, 'text/html', 'text/html'))?.text).toBe('Deep down.');
  });
});
