/**
 * safeFetch against fixture servers on 127.0.0.1 that the tests start themselves. The fixtures
 * are reached only through FACTDESK_FETCH_ALLOW, the setting an intranet would use; names other
 * than localhost are answered by a stand-in for DNS.
 */
import { execFileSync } from 'node:child_process';
import dns from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FETCH_LIMITS, type SafeFetchResult, safeFetch } from './safe-fetch';

const MB = 1024 * 1024;

// A stand-in for DNS: these names resolve to these addresses; every other name really resolves.
const FAKE_DNS: Record<string, string[]> = {
  'intranet.test': ['127.0.0.1'],
  'private.test': ['10.0.0.5'],
  'metadata.test': ['169.254.169.254'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'mixed.test': ['93.184.216.34', '127.0.0.1'],
};

function compressedZeros(compressor: zlib.Gzip | zlib.BrotliCompress, megabytes: number) {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    compressor.on('data', (chunk: Buffer) => chunks.push(chunk));
    compressor.on('end', () => resolve(Buffer.concat(chunks)));
    compressor.on('error', reject);
    const zeros = Buffer.alloc(MB);
    for (let index = 0; index < megabytes; index += 1) compressor.write(zeros);
    compressor.end();
  });
}

// Writes chunks for as long as the client reads, until it hangs up.
function endless(res: Writable, chunk: Buffer) {
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
}

let lookups: ReturnType<typeof vi.spyOn>;
let gzipBomb: Buffer;
let brotliBomb: Buffer;
const timers = new Set<NodeJS.Timeout>();

function fixture(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const path = url.pathname;
  res.on('error', () => {});
  const redirect = /^\/redirect\/(\d+)$/.exec(path);
  if (redirect) {
    const left = Number(redirect[1]);
    if (left === 0) return res.end('arrived');
    // Odd hops relative, even hops absolute.
    const next = `/redirect/${left - 1}`;
    res.writeHead(302, { location: left % 2 ? next : `http://${req.headers.host}${next}` });
    return res.end();
  }
  switch (path) {
    case '/ok':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>A page</title><p>Hello');
    case '/not-found':
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('no such page');
    case '/echo': {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            method: req.method,
            headers: req.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
      return;
    }
    case '/to':
      res.writeHead(Number(url.searchParams.get('status') ?? 302), {
        location: url.searchParams.get('url') ?? '/',
      });
      return res.end();
    case '/loop-a':
      res.writeHead(301, { location: '/loop-b' });
      return res.end();
    case '/loop-b':
      res.writeHead(301, { location: '/loop-a' });
      return res.end();
    case '/self':
      res.writeHead(302, { location: '/self' });
      return res.end();
    case '/mislabelled':
      // Claims to be an image, sends broken HTML.
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end('<html><p>not <b>closed');
    case '/gzip':
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      return res.end(zlib.gzipSync('<p>compressed page'));
    case '/deflate':
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
      return res.end(zlib.deflateSync('<p>deflated page'));
    case '/br':
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
      return res.end(zlib.brotliCompressSync('<p>brotli page'));
    case '/broken-gzip':
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      return res.end('this is not gzip at all');
    case '/zstd':
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd' });
      return res.end('whatever');
    case '/gzip-bomb':
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      return res.end(gzipBomb);
    case '/brotli-bomb':
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
      return res.end(brotliBomb);
    case '/huge-declared':
      // Declares 20 MB, sends a little, then waits: refused on the header alone.
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(20 * MB) });
      res.write('<p>');
      return;
    case '/huge-streamed':
      res.writeHead(200, { 'content-type': 'text/html' });
      return endless(res, Buffer.alloc(64 * 1024, 'a'));
    case '/truncated':
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
      res.write('<p>only part');
      setTimeout(() => res.destroy(), 20);
      return;
    case '/not-http':
      return req.socket.end('SSH-2.0-OpenSSH\r\n\r\n');
    case '/slow-headers':
      return; // never answers
    case '/trickle': {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('.'), 20);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
      return;
    }
    default:
      res.writeHead(500);
      return res.end('unknown fixture');
  }
}

let server: http.Server;
let origin: string;
let port: number;

function listen(target: http.Server | net.Server): Promise<number> {
  return new Promise((resolve) => {
    target.listen(0, '127.0.0.1', () => resolve((target.address() as net.AddressInfo).port));
  });
}

beforeAll(async () => {
  [gzipBomb, brotliBomb] = await Promise.all([
    compressedZeros(zlib.createGzip({ level: 9 }), 128),
    // Quality 5: a few hundred bytes all the same, in a tenth of the default's time.
    compressedZeros(
      zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
      64,
    ),
  ]);
  server = http.createServer(fixture);
  port = await listen(server);
  origin = `http://127.0.0.1:${port}`;
  const realLookup = dns.lookup;
  lookups = vi.spyOn(dns, 'lookup').mockImplementation(((
    hostname: string,
    options: dns.LookupAllOptions,
    callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
  ) => {
    const answer = FAKE_DNS[hostname];
    if (hostname === 'slow-dns.test') return; // never answers
    if (hostname.endsWith('.invalid')) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
      });
      return process.nextTick(callback, error, []);
    }
    if (!answer) return realLookup(hostname, options, callback);
    const addresses = answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    process.nextTick(callback, null, addresses);
  }) as unknown as typeof dns.lookup);
});

afterAll(async () => {
  vi.restoreAllMocks();
  for (const timer of timers) clearInterval(timer);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function allow(value: string) {
  vi.stubEnv('FACTDESK_FETCH_ALLOW', value);
}

function expectFailure(result: SafeFetchResult, reason: string) {
  if (result.ok) throw new Error(`expected ${reason}, got HTTP ${result.status}`);
  expect(result.reason).toBe(reason);
  return result;
}

function expectResponse(result: SafeFetchResult) {
  if (!result.ok) throw new Error(`expected a response, got ${result.reason}: ${result.message}`);
  return result;
}

describe('safeFetch: a page', () => {
  it('fetches an allowed page with its status, type, body, address and time', async () => {
    allow('127.0.0.1');
    const before = Date.now();
    const result = expectResponse(await safeFetch(`${origin}/ok`));
    expect(result).toMatchObject({
      status: 200,
      finalUrl: `${origin}/ok`,
      redirects: [],
      address: '127.0.0.1',
      contentType: 'text/html; charset=utf-8',
      mediaType: 'text/html',
    });
    expect(result.body.toString()).toBe('<!doctype html><title>A page</title><p>Hello');
    expect(result.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(result.fetchedAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('returns an HTTP error status as the answer it is', async () => {
    allow('127.0.0.1');
    const result = expectResponse(await safeFetch(`${origin}/not-found`));
    expect(result.status).toBe(404);
    expect(result.body.toString()).toBe('no such page');
  });

  it('reports the content type as sent, even when the body is something else', async () => {
    allow('127.0.0.1');
    const result = expectResponse(await safeFetch(`${origin}/mislabelled`));
    expect(result.mediaType).toBe('image/png');
    expect(result.body.toString()).toBe('<html><p>not <b>closed');
  });

  it('sends a descriptive User-Agent, the Accept asked for and only encodings it bounds', async () => {
    allow('127.0.0.1');
    vi.stubEnv('FACTDESK_BASE_URL', 'https://factcheck.example');
    const result = expectResponse(
      await safeFetch(`${origin}/echo`, {
        accept: 'text/html',
        headers: { Host: 'elsewhere.example', 'X-Request': 'details', 'User-Agent': 'curl' },
      }),
    );
    const { method, headers } = JSON.parse(result.body.toString());
    expect(method).toBe('GET');
    expect(headers['user-agent']).toMatch(
      /^Factdesk\/\d+\.\d+\.\d+ \(fact-checking desk; \+https:\/\/factcheck\.example\)$/,
    );
    expect(headers).toMatchObject({
      accept: 'text/html',
      'accept-encoding': 'gzip, deflate, br',
      host: `127.0.0.1:${port}`,
      'x-request': 'details',
    });
  });

  it('sends a POST body, and HEAD reads no body', async () => {
    allow('127.0.0.1');
    const posted = expectResponse(
      await safeFetch(`${origin}/echo`, { method: 'POST', body: '{"event":"published"}' }),
    );
    expect(JSON.parse(posted.body.toString())).toMatchObject({
      method: 'POST',
      body: '{"event":"published"}',
    });
    const head = expectResponse(await safeFetch(`${origin}/ok`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('decompresses gzip, deflate and brotli', async () => {
    allow('127.0.0.1');
    const bodies = await Promise.all(
      ['/gzip', '/deflate', '/br'].map(async (path) =>
        expectResponse(await safeFetch(`${origin}${path}`)).body.toString(),
      ),
    );
    expect(bodies).toEqual(['<p>compressed page', '<p>deflated page', '<p>brotli page']);
  });

  it('says so when the compressed content is broken or in an encoding it does not read', async () => {
    allow('127.0.0.1');
    const broken = expectFailure(await safeFetch(`${origin}/broken-gzip`), 'decoding');
    expect(broken.message).toMatch(/^127\.0\.0\.1:\d+ sent compressed content that could not/);
    expect(broken.status).toBe(200);
    const zstd = expectFailure(await safeFetch(`${origin}/zstd`), 'decoding');
    expect(zstd.message).toContain('in an encoding Factdesk cannot read (zstd)');
  });
});

describe('safeFetch: addresses', () => {
  it.each([
    ['http://127.0.0.1/', 'this server itself (127.0.0.1)'],
    ['http://127.0.0.2:8080/', 'this server itself (127.0.0.2)'],
    ['http://[::1]/', 'this server itself (::1)'],
    ['http://[::ffff:127.0.0.1]/', 'this server itself (127.0.0.1)'],
    ['http://2130706433/', 'this server itself (127.0.0.1)'],
    ['http://0x7f.1/', 'this server itself (127.0.0.1)'],
    ['http://10.0.0.5/', 'a private network (10.0.0.5)'],
    ['http://172.16.3.4/', 'a private network (172.16.3.4)'],
    ['http://192.168.1.1/admin', 'a private network (192.168.1.1)'],
    ['http://[fd00::1]/', 'a private network (fd00::1)'],
    ['http://169.254.169.254/latest/meta-data/', 'a cloud metadata service (169.254.169.254)'],
    ['http://169.254.10.10/', 'a link-local address (169.254.10.10)'],
    ['http://[fe80::1]/', 'a link-local address (fe80::1)'],
    ['http://100.64.0.1/', "an internet provider's internal network (100.64.0.1)"],
    ['http://0.0.0.0/', 'an unspecified address (0.0.0.0)'],
    ['http://[::]/', 'an unspecified address (::)'],
    ['http://224.0.0.1/', 'a multicast address (224.0.0.1)'],
    ['http://[ff02::1]/', 'a multicast address (ff02::1)'],
    ['http://255.255.255.255/', 'a broadcast address (255.255.255.255)'],
    ['https://240.0.0.1/', 'a reserved address (240.0.0.1)'],
  ])('refuses %s before connecting', async (url, words) => {
    const result = expectFailure(await safeFetch(url, { timeoutMs: 1000 }), 'refused-address');
    expect(result.message).toBe(`The address points to ${words}, which Factdesk does not fetch.`);
    expect(result.finalUrl).toBe(new URL(url).href);
  });

  it.each([
    ['localhost', /^localhost points to this server itself \((127\.0\.0\.1|::1)\)/],
    ['intranet.test', /^intranet\.test points to this server itself \(127\.0\.0\.1\)/],
    ['mapped.test', /^mapped\.test points to this server itself \(127\.0\.0\.1\)/],
    ['private.test', /^private\.test points to a private network \(10\.0\.0\.5\)/],
    ['metadata.test', /^metadata\.test points to a cloud metadata service/],
    // One refused address among public ones is enough: the connection could pick it.
    ['mixed.test', /^mixed\.test points to this server itself \(127\.0\.0\.1\)/],
  ])('refuses %s by the addresses it resolves to', async (host, message) => {
    const result = expectFailure(
      await safeFetch(`http://${host}:${port}/ok`, { timeoutMs: 1000 }),
      'refused-address',
    );
    expect(result.message).toMatch(message);
  });

  it('allows by host name, by address and by range, and only what is named', async () => {
    allow('intranet.test');
    expectResponse(await safeFetch(`http://intranet.test:${port}/ok`));
    expectFailure(await safeFetch(`${origin}/ok`), 'refused-address');
    allow('127.0.0.1');
    expectResponse(await safeFetch(`http://intranet.test:${port}/ok`));
    expectFailure(await safeFetch(`http://127.0.0.2:${port}/ok`), 'refused-address');
    allow('10.0.0.0/8, 127.0.0.0/8');
    expectResponse(await safeFetch(`${origin}/ok`));
    allow('10.0.0.0/8');
    expectFailure(await safeFetch(`${origin}/ok`), 'refused-address');
  });

  it('looks a name up once, in the connection: the address checked is the one connected to', async () => {
    allow('intranet.test');
    lookups.mockClear();
    expectResponse(await safeFetch(`http://intranet.test:${port}/ok`));
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(lookups.mock.calls[0]?.[0]).toBe('intranet.test');
  });

  it('says when a name does not resolve', async () => {
    const result = expectFailure(await safeFetch('https://no-such-site.invalid/a'), 'dns');
    expect(result.message).toBe('Factdesk could not find no-such-site.invalid: check the address.');
  });

  it('says when the connection is refused, cut off or not HTTP', async () => {
    allow('127.0.0.1');
    // A port nobody listens on any more.
    const probe = net.createServer();
    const closed = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    const refused = expectFailure(await safeFetch(`http://127.0.0.1:${closed}/`), 'network');
    expect(refused.message).toBe(`127.0.0.1:${closed} refused the connection.`);
    const cut = expectFailure(await safeFetch(`${origin}/truncated`), 'network');
    expect(cut.message).toBe(
      `The connection to 127.0.0.1:${port} was cut off before the page arrived.`,
    );
    const noise = expectFailure(await safeFetch(`${origin}/not-http`), 'network');
    expect(noise.message).toMatch(/sent an answer that is not valid HTTP \(HPE_/);
  });
});

describe('safeFetch: https', () => {
  let secure: https.Server;
  let securePort: number;

  beforeAll(async () => {
    // A self-signed certificate for 127.0.0.1, made for this run.
    const folder = mkdtempSync(path.join(os.tmpdir(), 'factdesk-tls-'));
    const [key, cert] = ['key.pem', 'cert.pem'].map((name) => path.join(folder, name));
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']
        .concat(['-keyout', key!, '-out', cert!, '-days', '1', '-subj', '/CN=127.0.0.1'])
        .concat(['-addext', 'subjectAltName=IP:127.0.0.1']),
      { stdio: 'ignore' },
    );
    secure = https.createServer(
      { key: readFileSync(key!), cert: readFileSync(cert!) },
      (_req, res) => res.end('secret'),
    );
    rmSync(folder, { recursive: true });
    securePort = await listen(secure);
  });

  afterAll(async () => {
    secure.closeAllConnections();
    await new Promise((resolve) => secure.close(resolve));
  });

  it('verifies certificates: a self-signed one is refused', async () => {
    allow('127.0.0.1');
    const result = expectFailure(await safeFetch(`https://127.0.0.1:${securePort}/`), 'tls');
    expect(result.message).toBe(
      `The secure connection to 127.0.0.1:${securePort} could not be verified (DEPTH_ZERO_SELF_SIGNED_CERT), so Factdesk did not fetch it.`,
    );
  });

  it('checks the address of an https URL as well', async () => {
    const result = expectFailure(
      await safeFetch(`https://127.0.0.1:${securePort}/`),
      'refused-address',
    );
    expect(result.message).toContain('this server itself (127.0.0.1)');
  });
});

describe('safeFetch: schemes and URLs', () => {
  it.each([
    ['file:///etc/passwd', 'file:'],
    ['ftp://ftp.example.org/file', 'ftp:'],
    ['javascript:alert(1)', 'javascript:'],
    ['data:text/html,<p>hi', 'data:'],
    ['gopher://example.org/', 'gopher:'],
  ])('refuses %s', async (url, scheme) => {
    const result = expectFailure(await safeFetch(url), 'scheme');
    expect(result.message).toBe(
      `Factdesk fetches only http and https addresses, not ${scheme} ones.`,
    );
  });

  it.each(['example.org/page', 'not a url', '', 'http://'])('refuses %j as no URL', async (url) => {
    const result = expectFailure(await safeFetch(url), 'invalid-url');
    expect(result.message).toContain('is not a complete web address');
    expect(result.finalUrl).toBeNull();
  });
});

describe('safeFetch: redirects', () => {
  it('follows up to 5 redirects, relative and absolute, and lists them', async () => {
    allow('127.0.0.1');
    const result = expectResponse(await safeFetch(`${origin}/redirect/5`));
    expect(result.body.toString()).toBe('arrived');
    expect(result.finalUrl).toBe(`${origin}/redirect/0`);
    expect(result.redirects).toEqual([5, 4, 3, 2, 1].map((n) => `${origin}/redirect/${n}`));
  });

  it('refuses a 6th redirect', async () => {
    allow('127.0.0.1');
    const result = expectFailure(await safeFetch(`${origin}/redirect/6`), 'too-many-redirects');
    expect(result.message).toBe(
      'The address redirected more than 5 times, so Factdesk stopped following it.',
    );
    expect(result.redirects).toHaveLength(5);
    expect(result.finalUrl).toBe(`${origin}/redirect/1`);
    expectFailure(
      await safeFetch(`${origin}/redirect/3`, { maxRedirects: 2 }),
      'too-many-redirects',
    );
  });

  it('ends a redirect loop, naming it', async () => {
    allow('127.0.0.1');
    const loop = expectFailure(await safeFetch(`${origin}/loop-a`), 'redirect-loop');
    expect(loop.message).toBe(
      `127.0.0.1:${port} redirects in a loop (back to ${origin}/loop-a), so Factdesk stopped following it.`,
    );
    expectFailure(await safeFetch(`${origin}/self`), 'redirect-loop');
  });

  it.each([
    ['http://127.0.0.2/', 'this server itself (127.0.0.2)'],
    ['http://169.254.169.254/latest/meta-data/', 'a cloud metadata service'],
    ['http://[::1]:80/', 'this server itself (::1)'],
    ['http://private.test/', 'private.test points to a private network (10.0.0.5)'],
  ])('checks every hop: an allowed page redirecting to %s is refused', async (target, words) => {
    allow('127.0.0.1');
    const start = `${origin}/to?url=${encodeURIComponent(target)}`;
    const result = expectFailure(await safeFetch(start), 'refused-address');
    expect(result.message).toContain(words);
    expect(result.redirects).toEqual([start]);
    expect(result.finalUrl).toBe(new URL(target).href);
  });

  it('checks every hop against its own host: a name allowed is not its address allowed', async () => {
    allow('intranet.test');
    const start = `http://intranet.test:${port}/to?url=${encodeURIComponent(`${origin}/ok`)}`;
    expectFailure(await safeFetch(start), 'refused-address');
  });

  it('refuses a redirect to another scheme', async () => {
    allow('127.0.0.1');
    const result = expectFailure(
      await safeFetch(`${origin}/to?url=${encodeURIComponent('file:///etc/passwd')}`),
      'scheme',
    );
    expect(result.message).toBe(
      `127.0.0.1:${port} redirected to a file: address; Factdesk fetches only http and https addresses.`,
    );
  });

  it('follows a 303 with a GET, a 307 with the same POST, and keeps credentials to their origin', async () => {
    allow('127.0.0.1, intranet.test');
    const post = { method: 'POST' as const, body: 'payload', headers: { Authorization: 'x' } };
    const seeOther = expectResponse(await safeFetch(`${origin}/to?status=303&url=/echo`, post));
    expect(JSON.parse(seeOther.body.toString())).toMatchObject({ method: 'GET', body: '' });
    const temporary = expectResponse(await safeFetch(`${origin}/to?status=307&url=/echo`, post));
    expect(JSON.parse(temporary.body.toString())).toMatchObject({
      method: 'POST',
      body: 'payload',
      headers: { authorization: 'x' },
    });
    const elsewhere = `http://intranet.test:${port}/echo`;
    const crossed = expectResponse(
      await safeFetch(`${origin}/to?status=307&url=${encodeURIComponent(elsewhere)}`, post),
    );
    expect(JSON.parse(crossed.body.toString()).headers.authorization).toBeUndefined();
  });

  it('follows no redirect when asked for none, and says where it led (a POST stays where it was sent)', async () => {
    allow('127.0.0.1');
    const asked = `${origin}/to?status=308&url=/echo`;
    const result = expectFailure(
      await safeFetch(asked, { method: 'POST', body: 'payload', maxRedirects: 0 }),
      'too-many-redirects',
    );
    expect(result.message).toBe(
      `127.0.0.1:${port} answered with a redirect (HTTP 308) to ${origin}/echo, which Factdesk does not follow here: use the address it redirects to.`,
    );
    expect(result.status).toBe(308);
    expect(result.finalUrl).toBe(asked);
    expect(result.redirects).toEqual([]);
  });
});

describe('safeFetch: time', () => {
  it('gives up on a server that does not answer', async () => {
    allow('127.0.0.1');
    const started = Date.now();
    const result = expectFailure(
      await safeFetch(`${origin}/slow-headers`, { timeoutMs: 300 }),
      'timeout',
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.message).toBe(
      `127.0.0.1:${port} did not answer within 0.3 seconds, so Factdesk stopped waiting.`,
    );
    expect(result.status).toBeNull();
  });

  it('counts a name lookup that never ends against the deadline', async () => {
    const result = expectFailure(
      await safeFetch('http://slow-dns.test/', { timeoutMs: 200 }),
      'timeout',
    );
    expect(result.message).toBe(
      'slow-dns.test did not answer within 0.2 seconds, so Factdesk stopped waiting.',
    );
  });

  it('gives up on a body that never ends, however steadily it trickles', async () => {
    allow('127.0.0.1');
    const started = Date.now();
    const result = expectFailure(
      await safeFetch(`${origin}/trickle`, { timeoutMs: 400 }),
      'timeout',
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.message).toBe(
      `127.0.0.1:${port} was still sending the page after 0.4 seconds, so Factdesk stopped reading it.`,
    );
    expect(result.status).toBe(200);
  });

  it('has a 10-second deadline that a caller may shorten, never lengthen', async () => {
    expect(FETCH_LIMITS).toEqual({ maxBytes: 10 * MB, timeoutMs: 10_000, maxRedirects: 5 });
    allow('127.0.0.1');
    const result = expectFailure(
      await safeFetch(`${origin}/redirect/7`, { maxRedirects: 50 }),
      'too-many-redirects',
    );
    expect(result.redirects).toHaveLength(5);
    // A limit that is no number is the ceiling, not no limit.
    expectFailure(
      await safeFetch(`${origin}/huge-declared`, { maxBytes: Number.NaN, timeoutMs: Number.NaN }),
      'too-large',
    );
    expectFailure(
      await safeFetch(`${origin}/redirect/1`, { maxRedirects: 0 }),
      'too-many-redirects',
    );
  });
});

describe('safeFetch: size', () => {
  it('refuses a body declared larger than 10 MB without reading it', async () => {
    allow('127.0.0.1');
    const result = expectFailure(
      await safeFetch(`${origin}/huge-declared`, { maxBytes: 100 * MB }),
      'too-large',
    );
    expect(result.message).toBe(
      `The page at 127.0.0.1:${port} is larger than 10 MB, so Factdesk stopped reading it.`,
    );
    expect(result.status).toBe(200);
  });

  it('stops reading an undeclared body past the limit', async () => {
    allow('127.0.0.1');
    expectFailure(await safeFetch(`${origin}/huge-streamed`), 'too-large');
    const small = expectFailure(
      await safeFetch(`${origin}/huge-streamed`, { maxBytes: 256 * 1024 }),
      'too-large',
    );
    expect(small.message).toContain('is larger than 256 KB');
  });

  it.each([
    ['/gzip-bomb', 'gzip', 128],
    ['/brotli-bomb', 'brotli', 64],
  ])(
    'stops inflating a %s bomb (%s, %i MB inflated) at the limit, in bounded memory',
    async (path, _name, inflated) => {
      allow('127.0.0.1');
      const bomb = path === '/gzip-bomb' ? gzipBomb : brotliBomb;
      expect(bomb.length).toBeLessThan(inflated * 1024 * 2);
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 2);
      const result = await safeFetch(`${origin}${path}`);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      expectFailure(result, 'too-large');
      // The limit's 10 MB plus buffers; all of it would be 64 or 128 MB.
      expect(peak - before).toBeLessThan(48 * MB);
    },
  );
});
