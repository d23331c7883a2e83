/**
 * The scale-out figures (`npm run bench`, section `cluster`), in a process of its own: it starts
 * the topology (scripts/cluster/topology.ts: an embedded primary with a streaming replica, three
 * instances, nginx in front) on a fresh pair, and prints one JSON report on stdout.
 * - A cached brief page through nginx against nginx serving the same bytes as a static file,
 *   with the same settings (the ratio is what the cache in front costs over a file).
 * - The front page rendered by the instances (an address nginx does not keep) through nginx in
 *   front of the three, against one instance alone.
 * - Publish-to-visible: from the publication's call to the new brief on the front page through
 *   the cache, for publications made as an instance makes them (they purge, then return).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb } from '@/db/client';
import { freePort } from '@/db/embedded';
import { type Actor, systemActor } from '@/lib/policy/policy';
import { publishBrief } from '@/lib/publication/mutations';
import { personToActFor } from '@/lib/users/queries';
import { NGINX_BINARY, startTopology } from '../cluster/topology';
import { loadTest, median, percentile, REPORT_PREFIX, waitForHttp } from './http';
import { approvedBenchBrief } from './jobs';

const SECONDS = 5;
const ROUNDS = 3;
const PUBLICATIONS = 10;

const say = (message: string) => process.stderr.write(`[bench:cluster] ${message}\n`);

/** The median of three runs, after one untimed (each instance loads its routes when first asked). */
async function bestOf(url: string): Promise<number> {
  await loadTest(url, SECONDS);
  const runs: number[] = [];
  for (let round = 0; round < ROUNDS; round++)
    runs.push((await loadTest(url, SECONDS)).requestsPerSecond);
  return median(runs);
}

/** nginx serving one file, with the topology's settings (workers, keep-alive, sendfile). */
async function staticNginx(body: Buffer, headers: Record<string, string>) {
  // Readable by its workers (nobody, when started as root).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'factdesk-bench-static-'));
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, 'root'), { mode: 0o755 });
  writeFileSync(path.join(dir, 'root', 'page.html'), body);
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/root;
    default_type "${headers['content-type'] ?? 'text/html'}";
  }
}
`,
  );
  const nginx = spawn(
    NGINX_BINARY,
    ['-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    {
      stdio: 'inherit',
    },
  );
  const url = `http://127.0.0.1:${port}/page.html`;
  await waitForHttp(url);
  return {
    url,
    stop: () => {
      nginx.kill('SIGQUIT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const port = await freePort();
  say('starting the topology (a fresh primary and replica, three instances, nginx)…');
  delete process.env.DATABASE_URL;
  delete process.env.FACTDESK_READ_DATABASE_URL;
  const topology = await startTopology({ name: 'cluster-bench', fresh: true, port, log: say });
  Object.assign(process.env, topology.publisherEnv);
  try {
    const base = `http://127.0.0.1:${port}`;
    const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
    const briefPath = /<loc>[^<]*(\/briefs\/[a-z0-9-]+)<\/loc>/.exec(sitemap)?.[1];
    if (!briefPath) throw new Error('The demo has no published brief.');
    // Kept by nginx from here on.
    await fetch(`${base}${briefPath}`);
    const cached = await fetch(`${base}${briefPath}`);
    if (cached.headers.get('x-cache-status') !== 'HIT')
      throw new Error('nginx did not keep the brief page.');
    const body = Buffer.from(await cached.arrayBuffer());
    const file = await staticNginx(body, Object.fromEntries(cached.headers));
    say('cached brief page through nginx, then the same bytes as a static file…');
    const throughCache = await bestOf(`${base}${briefPath}`);
    const asFile = await bestOf(file.url);
    file.stop();

    say('front page rendered by the instances: through nginx, then one instance alone…');
    // An address nginx does not keep: every request is rendered by an instance.
    const front = '/?page=1&bench=render';
    const throughCluster = await bestOf(`${base}${front}`);
    const oneInstance = await bestOf(`http://127.0.0.1:${topology.instances[0]!.port}${front}`);

    say(`publish-to-visible, ${PUBLICATIONS} publications…`);
    const person = (role: string): Promise<Actor> =>
      personToActFor(systemActor('seed'), topology.seeded.find((a) => a.role === role)!.email);
    const people = { editor: await person('editor'), reviewer: await person('reviewer') };
    const delays: number[] = [];
    for (let n = 0; n < PUBLICATIONS; n++) {
      const question = `Is publication ${n + 1} of the cluster benchmark visible at once?`;
      const id = await approvedBenchBrief(people, question);
      const started = performance.now();
      await publishBrief(people.reviewer, id, { versionNumber: 2 });
      for (;;) {
        if ((await (await fetch(`${base}/`)).text()).includes(question)) break;
        if (performance.now() - started > 10_000) throw new Error(`${question} never appeared.`);
      }
      delays.push(performance.now() - started);
    }
    process.stdout.write(
      `${REPORT_PREFIX}${JSON.stringify({
        throughCache,
        asFile,
        throughCluster,
        oneInstance,
        publishToVisible: { median: median(delays), p95: percentile(delays, 95) },
      })}\n`,
    );
  } finally {
    await closeDb();
    await topology.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
