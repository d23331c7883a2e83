import 'server-only';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** The kinds of content a capture can read text from. */
export type ReadableKind = 'html' | 'pdf' | 'text';

export interface ReadableText {
  kind: ReadableKind;
  /** The page's own title, when it has one. */
  title: string | null;
  text: string;
}

/**
 * What kind of content a body is. The bytes decide over the Content-Type where they are
 * unmistakable (a PDF sent as text/html), and a body that looks binary is no text whatever it
 * claims.
 */
export function readableKind(body: Buffer, mediaType: string | null): ReadableKind | null {
  if (body.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (looksBinary(body)) return null;
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  if (mediaType === 'text/plain') return 'text';
  // No type, or a generic one: HTML if it starts like HTML.
  if (mediaType === null || mediaType === 'application/octet-stream') {
    return /^\s*(<!doctype html|<html|<head|<body)/i.test(body.subarray(0, 512).toString('latin1'))
      ? 'html'
      : null;
  }
  return null;
}

/** NUL bytes in the first kilobyte: no text format has them. */
function looksBinary(body: Buffer): boolean {
  return body.subarray(0, 1024).includes(0);
}

/**
 * The readable text of a captured body: the article of an HTML page (Mozilla's Readability, as
 * Firefox's reader view, over a linkedom document; the whole body's text when it finds no
 * article), a PDF's text (unpdf, PDF.js), or plain text. Null when there is no text to read.
 */
export async function readableText(
  body: Buffer,
  contentType: string | null,
  mediaType: string | null,
): Promise<ReadableText | null> {
  const kind = readableKind(body, mediaType);
  if (kind === 'pdf') return pdfText(body);
  if (kind === 'text')
    return { kind, title: null, text: tidy(decode(body, charsetOf(contentType))) };
  if (kind !== 'html') return null;
  const html = decode(body, charsetOf(contentType) ?? metaCharset(body));
  const { document } = parseHTML(html);
  const title = document.title?.trim() || null;
  // Readability changes the document it reads: the fallback reads a fresh one. It recurses and
  // rescans the tree, so a page nested thousands deep (5,000 divs took it 145 s, then overflowed
  // the stack) or very large is read whole instead.
  const shape = treeShape(document.documentElement as unknown as Node);
  const article =
    shape.depth <= READABILITY_LIMITS.depth && shape.elements <= READABILITY_LIMITS.elements
      ? new Readability(document as unknown as Document).parse()
      : null;
  const root = article?.content
    ? parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body
    : parseHTML(html).document.body;
  const text = root ? tidy(blockText(root as unknown as Node)) : '';
  return text ? { kind, title: article?.title?.trim() || title, text } : null;
}

/** Beyond these, Readability is not run (see readableText). */
const READABILITY_LIMITS = { depth: 300, elements: 60_000 };

/** How deep a tree goes and how many elements it holds, walked with a stack. */
function treeShape(root: Node): { depth: number; elements: number } {
  let depth = 0;
  let elements = 0;
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (node.nodeType !== 1) continue;
    elements += 1;
    if (level > depth) depth = level;
    for (const child of Array.from(node.childNodes)) stack.push([child, level + 1]);
  }
  return { depth, elements };
}

const BLOCKS = new Set(
  'address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul'.split(
    ' ',
  ),
);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template']);

/**
 * A node's text, with a line break around each block (textContent runs blocks together).
 * Walked with a stack, not recursion: a hostile page may nest elements tens of thousands deep.
 */
function blockText(root: Node): string {
  const pieces: string[] = [];
  const stack: (Node | string)[] = [root];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next === 'string') {
      pieces.push(next);
      continue;
    }
    if (next.nodeType === 3) {
      pieces.push(next.nodeValue ?? '');
      continue;
    }
    if (next.nodeType !== 1) continue;
    const name = (next as Element).localName;
    if (SKIPPED.has(name)) continue;
    const block = BLOCKS.has(name);
    if (block) stack.push('\n');
    const children = Array.from(next.childNodes);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
    if (block) pieces.push('\n');
  }
  return pieces.join('');
}

async function pdfText(body: Buffer): Promise<ReadableText | null> {
  const { extractText, getDocumentProxy, getMeta } = await import('unpdf');
  try {
    const pdf = await getDocumentProxy(new Uint8Array(body));
    const [{ text }, meta] = await Promise.all([
      extractText(pdf, { mergePages: true }),
      getMeta(pdf).catch(() => null),
    ]);
    const title = (meta?.info as { Title?: unknown } | undefined)?.Title;
    const tidied = tidy(text);
    return tidied
      ? {
          kind: 'pdf',
          title: typeof title === 'string' && title.trim() ? title.trim() : null,
          text: tidied,
        }
      : null;
  } catch {
    // A broken or encrypted PDF: no text, which the capture says.
    return null;
  }
}

function charsetOf(contentType: string | null): string | null {
  return contentType?.match(/charset\s*=\s*"?([\w.:-]+)/i)?.[1] ?? null;
}

function metaCharset(body: Buffer): string | null {
  const head = body.subarray(0, 2048).toString('latin1');
  return (
    head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i)?.[1] ??
    head.match(/<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i)?.[1] ??
    null
  );
}

function decode(body: Buffer, charset: string | null): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    // An unknown label: UTF-8, which shows stray bytes as replacement characters.
    return new TextDecoder('utf-8').decode(body);
  }
}

/** Text with its paragraphs kept and its runs of spaces made one. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
