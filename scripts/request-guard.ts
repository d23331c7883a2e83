/**
 * Requests the production server refuses with a clear 4xx before Next.js sees them, where Next.js
 * would answer 500: a method Factdesk does not serve (TRACE and the like), and a server action
 * whose body is over the size limit of next.config.js or cannot be read. And a GET or HEAD that
 * declares a body, which the server could not pass on safely to Next.js (see headersForNext).
 */

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

type Busboy = (options: {
  headers: IncomingMessage['headers'];
  defParamCharset: string;
  limits: { fieldSize: number };
}) => NodeJS.WritableStream & {
  on(event: 'field', listener: (name: string, value: string) => void): unknown;
  on(event: 'close' | 'finish', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(chunk: Buffer): void;
};

const local = createRequire(path.join(process.cwd(), 'package.json'));
// The parsers Next.js itself reads action bodies with, so that both agree on what is readable.
const busboy: Busboy = local('next/dist/compiled/busboy');
const bytes: { parse(value: string | number): number | null } = local('next/dist/compiled/bytes');

/** The methods some page or route of Factdesk answers. */
export const SERVED_METHODS = ['GET', 'HEAD', 'POST'];

/** next.config.js's `serverActions.bodySizeLimit` in bytes (Next.js's default: 1 MB). */
export function actionBodyLimit(): number {
  const config = local('./next.config.js') as {
    experimental?: { serverActions?: { bodySizeLimit?: string | number } };
  };
  return bytes.parse(config.experimental?.serverActions?.bodySizeLimit ?? '1mb') ?? 1024 * 1024;
}

function refuse(response: ServerResponse, status: number, message: string, headers = {}): void {
  // Exactly `text/plain`: Next.js's client shows such an answer's text as the action's error.
  response.writeHead(status, {
    'content-type': 'text/plain',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(`${message}\n`);
}

/** Answers 405 to a method Factdesk does not serve; true when it did. */
export function refusedMethod(request: IncomingMessage, response: ServerResponse): boolean {
  if (SERVED_METHODS.includes(request.method ?? '')) return false;
  refuse(response, 405, `The method ${request.method} is not allowed here.`, {
    allow: SERVED_METHODS.join(', '),
  });
  return true;
}

/** Whether a GET or HEAD declares a body: a Content-Length other than 0, or any Transfer-Encoding. */
export function declaresBodyOnRead(
  method: string | undefined,
  headers: IncomingHttpHeaders,
): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const length = headers['content-length'];
  return (
    (length !== undefined && Number(length) !== 0) || headers['transfer-encoding'] !== undefined
  );
}

/**
 * Answers 400 to a GET or HEAD that declares a body; true when it did. The connection is closed:
 * whatever the client sends after it on that connection is not read as another request.
 */
export function refusedBodyOnRead(request: IncomingMessage, response: ServerResponse): boolean {
  if (!declaresBodyOnRead(request.method, request.headers)) return false;
  request.resume();
  refuse(response, 400, `A ${request.method} request cannot have a body.`, {
    connection: 'close',
  });
  return true;
}

/** Hop-by-hop headers (RFC 9110, 7.6.1): they concern one connection and are never passed on. */
export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

// And those that describe a body: the server passes GET and HEAD requests on without one, over
// kept-alive connections, where a Content-Length would make Next.js read the next request on
// that connection as the body.
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'content-length', 'expect']);

/**
 * The headers of a request as the server passes it on to Next.js, without a body: the client's,
 * except hop-by-hop ones, those named in its Connection header and those of a body; then the
 * server's own (`own`), which nothing the client sends removes.
 */
export function headersForNext(
  headers: IncomingHttpHeaders,
  own: Record<string, string>,
): Record<string, string | string[]> {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  const forwarded: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name) && !named.includes(name)) {
      forwarded[name] = value;
    }
  }
  return { ...forwarded, ...own };
}

/** A call of a server action from the browser (Next.js's `Next-Action` header). */
export function isServerActionCall(request: IncomingMessage): boolean {
  return request.method === 'POST' && request.headers['next-action'] !== undefined;
}

const megabytes = (limit: number) =>
  `${(limit / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/**
 * Reads a server action's body (at most `limit` bytes, as its Content-Length says) and checks
 * that it can be decoded: multipart with a JSON root field, or JSON. Refuses with 411, 413 or
 * 400 and resolves false; otherwise puts the body back for Next.js and resolves true.
 */
export async function checkedActionBody(
  request: IncomingMessage,
  response: ServerResponse,
  limit: number,
): Promise<boolean> {
  const declared = request.headers['content-length'];
  const length = Number(declared);
  if (declared === undefined || length > limit) {
    // Read and dropped, not left unread: a client still sending its body when the connection
    // closes sees a broken pipe instead of this answer.
    request.resume();
    if (declared === undefined) {
      refuse(response, 411, 'A server action needs a Content-Length.');
    } else {
      refuse(
        response,
        413,
        `This form is larger than ${megabytes(limit)}, the most Factdesk accepts at once. An imported text may have at most 1 MB.`,
      );
    }
    return false;
  }
  const body = await peekBody(request, length);
  if (!body) return false;
  if (!(await readable(request, body, limit))) {
    request.resume();
    refuse(response, 400, 'The body of this server action cannot be read.');
    return false;
  }
  return true;
}

/**
 * The `length` bytes of the request's body, read and put back at once (Next.js reads them
 * again), never reading past them: a stream that emitted `end` can take nothing back. Null when
 * the client went away first.
 */
function peekBody(request: IncomingMessage, length: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | null) => {
      request.off('readable', onReadable);
      request.off('close', onClose);
      resolve(result);
    };
    const onReadable = () => {
      while (size < length) {
        const chunk: Buffer | null = request.read(Math.min(length - size, request.readableLength));
        if (!chunk) return;
        chunks.push(chunk);
        size += chunk.length;
      }
      const body = Buffer.concat(chunks);
      request.unshift(body);
      done(body);
    };
    const onClose = () => done(null);
    if (length === 0) return done(Buffer.alloc(0));
    request.on('readable', onReadable);
    request.on('close', onClose);
  });
}

function readable(request: IncomingMessage, body: Buffer, limit: number): Promise<boolean> {
  const type = String(request.headers['content-type'] ?? '');
  if (!type.startsWith('multipart/form-data')) return Promise.resolve(isJson(body.toString()));
  return new Promise((resolve) => {
    let root: string | undefined;
    let parser: ReturnType<Busboy>;
    try {
      parser = busboy({
        headers: request.headers,
        defParamCharset: 'utf8',
        limits: { fieldSize: limit },
      });
    } catch {
      return resolve(false);
    }
    parser.on('field', (name, value) => {
      if (name === '0') root = value;
    });
    parser.on('error', () => resolve(false));
    parser.on('close', () => resolve(root !== undefined && isJson(root)));
    parser.end(body);
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
