import net from 'node:net';
import { expect, test } from './fixtures';
import { startInstance } from './instances';

/**
 * The production server passes the front page and search to Next.js over kept-alive loopback
 * connections. A GET or HEAD that declares a body must not reach that hop: Next.js would read the
 * next reader's request, sent on the same connection, as the missing body. Such requests are
 * refused with 400, and readers after them are answered as usual. Raw TCP, since no HTTP client
 * sends a GET with a body. On an instance of its own, so that its one loopback connection is the
 * one the next reader's request goes through.
 */

const databaseUrl = process.env.E2E_DATABASE_URL ?? '';

/** Sends `bytes` on a new connection; the status of the first answer, or a rejection. */
function rawStatus(url: string, bytes: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let received = '';
    const done = (result: number | Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const timer = setTimeout(
      () => done(new Error(`No answer to ${bytes.split('\r\n')[0]}`)),
      15_000,
    );
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(received);
      if (status) done(Number(status[1]));
    });
    socket.on('error', done);
    socket.on('close', () => done(new Error(`Connection closed without an answer: ${received}`)));
    socket.write(bytes);
  });
}

/** A normal reader's request, as a browser sends it; a hang fails it. */
async function readerStatus(url: string): Promise<number> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  await response.arrayBuffer();
  return response.status;
}

test('a GET or HEAD with a body is refused with 400 and the readers after it are answered', async () => {
  test.setTimeout(180_000);
  const instance = await startInstance(databaseUrl);
  try {
    const { host } = new URL(instance.url);
    const head = (method: string, path: string, extra: string) =>
      `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}\r\n`;
    // Warm: the loopback connection exists and is idle, ready to be reused.
    expect(await readerStatus(`${instance.url}/search?q=warm`)).toBe(200);

    const attempts = [
      {
        name: 'Content-Length on search',
        bytes: head('GET', '/search?q=x', 'Content-Length: 30\r\n'),
      },
      {
        name: 'Content-Length on the front page',
        bytes: head('GET', '/', 'Content-Length: 30\r\n'),
      },
      {
        name: 'Content-Length on a HEAD',
        bytes: head('HEAD', '/search?q=x', 'Content-Length: 30\r\n'),
      },
      {
        name: 'chunked body on search',
        bytes: `${head('GET', '/search?q=x', 'Transfer-Encoding: chunked\r\n')}0\r\n\r\n`,
      },
      {
        name: 'Content-Length, then a request on the same connection',
        bytes: `${head('GET', '/search?q=x', 'Content-Length: 30\r\n')}${head('GET', '/search?q=y', 'X-Forwarded-For: 203.0.113.9\r\n')}`,
      },
    ];
    for (const attempt of attempts) {
      // Soft, so that a failure here still shows what happens to the readers after it.
      expect.soft(await rawStatus(instance.url, attempt.bytes), attempt.name).toBe(400);
      // Twice: the first reader's request would be read as the missing body, the second's after it.
      for (const query of ['a reader', 'another reader']) {
        expect(
          await readerStatus(`${instance.url}/search?q=${encodeURIComponent(query)}`),
          `after ${attempt.name}`,
        ).toBe(200);
      }
      expect(await readerStatus(`${instance.url}/`), `after ${attempt.name}`).toBe(200);
    }
    // An empty body is no body: some clients send Content-Length: 0 with a GET.
    expect(await rawStatus(instance.url, head('GET', '/search?q=x', 'Content-Length: 0\r\n'))).toBe(
      200,
    );
  } finally {
    await instance.stop();
  }
});
