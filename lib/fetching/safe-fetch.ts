/**
 * The one way Factdesk fetches a URL that a person typed (source details, captures, monitoring,
 * webhooks): http(s) only; every address it connects to, on every redirect, is checked first
 * (engineering guide §4c); redirects, bytes (after decompression) and time are bounded. It never
 * throws for what the remote side does: every outcome is a result with a plain-English message.
 */
import 'server-only';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { type Config, getConfig } from '@/lib/config';
import packageJson from '@/package.json';
import { type FetchAllowList, parseAddress, refusalOf } from './addresses';

/** The ceilings of every fetch; a caller may ask for less, never for more. */
export const FETCH_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 5,
} as const;

export type SafeFetchOptions = {
  method?: 'GET' | 'HEAD' | 'POST';
  /** The Accept header (default any). */
  accept?: string;
  /** More request headers; Host, Content-Length, Connection and Transfer-Encoding are ours. */
  headers?: Record<string, string>;
  /** A POST's body. */
  body?: string | Uint8Array;
  /** At most FETCH_LIMITS.maxBytes: counted after decompression. */
  maxBytes?: number;
  /** At most FETCH_LIMITS.timeoutMs: one deadline for connecting, every redirect and the body. */
  timeoutMs?: number;
  /**
   * At most FETCH_LIMITS.maxRedirects. 0: a redirect is not followed but reported, with where it
   * leads (webhook deliveries, archive requests: a POST is never sent on elsewhere).
   */
  maxRedirects?: number;
};

export type SafeFetchFailureReason =
  | 'invalid-url'
  | 'scheme'
  | 'refused-address'
  | 'dns'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'tls'
  | 'network'
  | 'decoding';

/** A response, whatever its status: a 404 or a 500 is the site's answer, for the caller to judge. */
export type SafeFetchResponse = {
  ok: true;
  status: number;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  /** The URLs that redirected, in order: the first is the one asked for. */
  redirects: string[];
  /** The IP address the answer came from. */
  address: string;
  headers: Headers;
  /** The Content-Type header as sent (it may not describe the body: the caller decides). */
  contentType: string | null;
  /** Its media type alone, lowercase (`text/html`). */
  mediaType: string | null;
  /** Decompressed; at most maxBytes. */
  body: Buffer;
  fetchedAt: Date;
};

export type SafeFetchFailure = {
  ok: false;
  reason: SafeFetchFailureReason;
  /** A sentence for the newsroom, naming the site and the limit or address involved. */
  message: string;
  /** The URL being fetched when it failed; null when the URL given was not one. */
  finalUrl: string | null;
  redirects: string[];
  /** The HTTP status, when the failure came after the response's headers (too large, too slow). */
  status: number | null;
};

export type SafeFetchResult = SafeFetchResponse | SafeFetchFailure;

class Refusal extends Error {
  constructor(
    readonly reason: SafeFetchFailureReason,
    message: string,
  ) {
    super(message);
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const OUR_HEADERS = ['host', 'content-length', 'connection', 'transfer-encoding'];
// Not carried to another origin by a redirect.
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const DNS_ERRORS = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME', 'EAI_FAIL', 'ENODATA'];
const TLS_ERROR =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;
const DECOMPRESSION_ERROR = /^(Z_|ERR__ERROR_|ERR_BROTLI)/;

/**
 * Fetches `url` under the limits of FETCH_LIMITS and the address rules of addresses.ts, with
 * FACTDESK_FETCH_ALLOW as the only way to reach a non-public host.
 */
export async function safeFetch(
  url: string,
  options: SafeFetchOptions = {},
): Promise<SafeFetchResult> {
  const limits = {
    maxBytes: atMost(options.maxBytes, FETCH_LIMITS.maxBytes, 1),
    timeoutMs: atMost(options.timeoutMs, FETCH_LIMITS.timeoutMs, 1),
    maxRedirects: atMost(options.maxRedirects, FETCH_LIMITS.maxRedirects, 0),
  };
  const config = getConfig();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.timeoutMs);
  const redirects: string[] = [];
  let current: URL | null = null;
  let status: number | null = null;
  try {
    current = parseTarget(url, null);
    let method = options.method ?? 'GET';
    let body = options.body;
    let headers = requestHeaders(options, config);
    for (;;) {
      const response = await send(current, method, headers, body, config, deadline.signal);
      status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        response.destroy();
        const next = parseTarget(location, current);
        if (next.href === current.href || redirects.includes(next.href)) {
          throw new Refusal(
            'redirect-loop',
            `${current.host} redirects in a loop (back to ${next.href}), so Factdesk stopped following it.`,
          );
        }
        if (limits.maxRedirects === 0) {
          throw new Refusal(
            'too-many-redirects',
            `${current.host} answered with a redirect (HTTP ${status}) to ${next.href}, which Factdesk does not follow here: use the address it redirects to.`,
          );
        }
        if (redirects.length >= limits.maxRedirects) {
          throw new Refusal(
            'too-many-redirects',
            `The address redirected more than ${limits.maxRedirects} times, so Factdesk stopped following it.`,
          );
        }
        redirects.push(current.href);
        // As browsers do: a 303, or a 301/302 after a POST, is followed by a GET without body.
        if (status === 303 || (status !== 307 && status !== 308 && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        if (next.origin !== current.origin) headers = without(headers, CREDENTIAL_HEADERS);
        current = next;
        status = null;
        continue;
      }
      const address = (response.socket?.remoteAddress ?? '').replace(/^::ffff:(?=[\d.]+$)/, '');
      const fetchedAt = new Date();
      const data = await readBody(response, method, current, limits, deadline.signal);
      const contentType = response.headers['content-type'] ?? null;
      return {
        ok: true,
        status,
        finalUrl: current.href,
        redirects,
        address,
        headers: headersOf(response.rawHeaders),
        contentType,
        mediaType: contentType?.split(';')[0]?.trim().toLowerCase() || null,
        body: data,
        fetchedAt,
      };
    }
  } catch (error) {
    const refusal = refusalFor(error, current, deadline.signal.aborted, status, limits.timeoutMs);
    return {
      ok: false,
      reason: refusal.reason,
      message: refusal.message,
      finalUrl: current?.href ?? null,
      redirects,
      status,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** A caller's limit when it is a number from `least` to `ceiling`; otherwise the ceiling. */
function atMost(value: number | undefined, ceiling: number, least: number): number {
  return value !== undefined && value >= least && value <= ceiling ? value : ceiling;
}

/** A URL given, or a redirect's Location read against the URL that sent it. */
function parseTarget(text: string, base: URL | null): URL {
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text.trim());
  } catch {
    throw new Refusal(
      'invalid-url',
      base
        ? `${base.host} redirected to an address that is not valid (${text.slice(0, 200)}).`
        : `"${text.slice(0, 200)}" is not a complete web address (it should start with https://).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Refusal(
      'scheme',
      base
        ? `${base.host} redirected to a ${url.protocol} address; Factdesk fetches only http and https addresses.`
        : `Factdesk fetches only http and https addresses, not ${url.protocol} ones.`,
    );
  }
  return url;
}

function userAgent(config: Config): string {
  const site = config.FACTDESK_BASE_URL ? `; +${config.FACTDESK_BASE_URL}` : '';
  return `Factdesk/${packageJson.version} (fact-checking desk${site})`;
}

function requestHeaders(options: SafeFetchOptions, config: Config): Record<string, string> {
  const given = Object.fromEntries(
    Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    ...without(given, OUR_HEADERS),
    'user-agent': userAgent(config),
    accept: options.accept ?? given.accept ?? '*/*',
    // Only encodings that readBody decompresses under its byte limit.
    'accept-encoding': 'gzip, deflate, br',
  };
}

function without(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
}

/**
 * Looks the name up and refuses unless every address it resolves to may be fetched. Node
 * connects only to addresses this returns, so the address checked is the address connected to.
 */
function guardedLookup(allow: FetchAllowList): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(
      hostname,
      { family: options.family, hints: options.hints, all: true },
      (error, addresses) => {
        if (error) return callback(error, '');
        const first = addresses[0];
        if (!first)
          return callback(Object.assign(new Error('no address'), { code: 'ENODATA' }), '');
        for (const { address } of addresses) {
          const parsed = parseAddress(address);
          const refusal = parsed
            ? refusalOf(hostname, parsed, allow)
            : `${hostname} has an address Factdesk cannot read (${address}).`;
          if (refusal) return callback(new Refusal('refused-address', refusal), '');
        }
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
    );
  };
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  config: Config,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const allow = config.FACTDESK_FETCH_ALLOW;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // Node does not look an address up: one written in the URL is checked here instead.
  const literal = parseAddress(host);
  const refusal = literal && refusalOf(host, literal, allow);
  if (refusal) return Promise.reject(new Refusal('refused-address', refusal));
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      {
        host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method,
        headers,
        // A connection of its own: a pooled one could have been opened for another name.
        agent: false,
        lookup: guardedLookup(allow),
        signal,
      },
      resolve,
    );
    request.on('error', reject);
    request.end(body);
  });
}

function decoderFor(response: http.IncomingMessage, url: URL): Transform | null {
  const encodings = (response.headers['content-encoding'] ?? '')
    .split(',')
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '' && value !== 'identity');
  const [encoding] = encodings;
  if (encoding === undefined) return null;
  if (encodings.length === 1) {
    if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
    if (encoding === 'deflate') return zlib.createInflate();
    if (encoding === 'br') return zlib.createBrotliDecompress();
  }
  throw new Refusal(
    'decoding',
    `${url.host} sent the page in an encoding Factdesk cannot read (${encodings.join(', ')}).`,
  );
}

/**
 * The body, decompressed, counted as it streams: both what arrives and what it inflates to stop
 * at maxBytes, so a small gzip bomb costs no more memory than an honest page of that size.
 */
async function readBody(
  response: http.IncomingMessage,
  method: string,
  url: URL,
  limits: { maxBytes: number },
  signal: AbortSignal,
): Promise<Buffer> {
  if (method === 'HEAD' || response.statusCode === 204 || response.statusCode === 304) {
    response.destroy();
    return Buffer.alloc(0);
  }
  const tooLarge = new Refusal(
    'too-large',
    `The page at ${url.host} is larger than ${formatSize(limits.maxBytes)}, so Factdesk stopped reading it.`,
  );
  if (Number(response.headers['content-length']) > limits.maxBytes) {
    response.destroy();
    throw tooLarge;
  }
  let decoder: Transform | null;
  try {
    decoder = decoderFor(response, url);
  } catch (error) {
    response.destroy();
    throw error;
  }
  let received = 0;
  const count = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      received += chunk.length;
      if (received > limits.maxBytes) throw tooLarge;
      yield chunk;
    }
  };
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > limits.maxBytes) throw tooLarge;
      chunks.push(chunk);
    }
  };
  try {
    if (decoder) await pipeline(response, count, decoder, collect, { signal });
    else await pipeline(response, count, collect, { signal });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!signal.aborted && DECOMPRESSION_ERROR.test(code)) {
      throw new Refusal(
        'decoding',
        `${url.host} sent compressed content that could not be decompressed (${(error as Error).message}).`,
      );
    }
    throw error;
  }
  return Buffer.concat(chunks, size);
}

function headersOf(raw: string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < raw.length; index += 2) {
    headers.append(raw[index]!, raw[index + 1]!);
  }
  return headers;
}

function formatSize(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  if (megabytes >= 1) return `${Number(megabytes.toFixed(1))} MB`;
  return `${Number((bytes / 1024).toFixed(1))} KB`;
}

function formatSeconds(milliseconds: number): string {
  const seconds = Number((milliseconds / 1000).toFixed(1));
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/** Every other error, from the network or the deadline, as a failure with a message. */
function refusalFor(
  error: unknown,
  url: URL | null,
  timedOut: boolean,
  status: number | null,
  timeoutMs: number,
): Refusal {
  if (error instanceof Refusal) return error;
  const host = url?.host ?? 'the site';
  if (timedOut) {
    return new Refusal(
      'timeout',
      status === null
        ? `${host} did not answer within ${formatSeconds(timeoutMs)}, so Factdesk stopped waiting.`
        : `${host} was still sending the page after ${formatSeconds(timeoutMs)}, so Factdesk stopped reading it.`,
    );
  }
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (DNS_ERRORS.includes(code)) {
    return new Refusal(
      'dns',
      `Factdesk could not find ${url?.hostname ?? host}: check the address.`,
    );
  }
  if (TLS_ERROR.test(code)) {
    return new Refusal(
      'tls',
      `The secure connection to ${host} could not be verified (${code}), so Factdesk did not fetch it.`,
    );
  }
  if (code.startsWith('HPE_')) {
    return new Refusal('network', `${host} sent an answer that is not valid HTTP (${code}).`);
  }
  if (code === 'ECONNREFUSED') return new Refusal('network', `${host} refused the connection.`);
  if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return new Refusal('network', `The connection to ${host} was cut off before the page arrived.`);
  }
  const detail = code || (error as Error).message || String(error);
  return new Refusal('network', `Factdesk could not reach ${host} (${detail}).`);
}
