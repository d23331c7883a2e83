/**
 * The public-page baseline: a bare `node:http` server answering every request with the exact
 * bytes and headers Factdesk sent for the page. `node baseline-server.ts PORT FILE` reads
 * `{ headers, body }` (body in base64) from FILE and prints "ready" once it listens.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, file] = process.argv.slice(2);
const page = JSON.parse(readFileSync(file!, 'utf8')) as {
  headers: Record<string, string>;
  body: string;
};
const body = Buffer.from(page.body, 'base64');

createServer((_request, response) => {
  response.writeHead(200, { ...page.headers, 'content-length': body.length });
  response.end(body);
}).listen(Number(port), '127.0.0.1', () => console.log('ready'));
