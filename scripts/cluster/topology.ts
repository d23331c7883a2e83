/**
 * The scale-out topology on one machine (`npm run cluster`, the cluster test, the benchmarks):
 * a Postgres primary with a streaming replica (the embedded pair, or DATABASE_URL and
 * FACTDESK_READ_DATABASE_URL when set), several identical Factdesk instances on loopback ports,
 * and nginx (Debian's) in front as load balancer and shared cache, configured from
 * scripts/cluster/nginx.conf.template. Instances that die are started again, as a service
 * manager would.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { closeDb } from '@/db/client';
import { type EmbeddedPair, freePort, startEmbeddedPair } from '@/db/embedded';
import { readLocalSecrets } from '@/db/local-data';
import { migrateDatabase } from '@/db/migrate';
import { waitForHttp } from '../bench/http';
import { buildIfNeeded } from '../build';
import { type SeededAccount, seedDemo } from '../seed';
import { exited, hasExited, stopChild } from '../supervisor';

export const NGINX_BINARY = '/usr/sbin/nginx';
const TEMPLATE = path.join('scripts', 'cluster', 'nginx.conf.template');
const SERVER_ARGS = [
  '--conditions=react-server',
  '--import',
  'tsx',
  '--import',
  './scripts/exit-with-parent.ts',
  'scripts/server.ts',
];
const RESTART_AFTER_MS = 1_000;

export interface TopologyOptions {
  instances?: number;
  /** nginx's port (default 8080). */
  port?: number;
  /** Extra environment of every instance. */
  env?: NodeJS.ProcessEnv;
  /** Whether what the instances write is shown (prefixed by their number) as well as kept. */
  echo?: boolean;
  /**
   * The name of its folders under `.data/` (default `cluster`); `fresh` starts from empty ones
   * (a new database, seeded again).
   */
  name?: string;
  fresh?: boolean;
  log?: (message: string) => void;
}

export interface Instance {
  port: number;
  process: ChildProcess;
  /** What it wrote (stdout and stderr), every start of it, the last 2,000 lines. */
  output: string[];
}

export interface Topology {
  /** nginx: what readers and the newsroom reach. */
  url: string;
  /** The accounts the demo seed made (with their passwords) when the database was new. */
  seeded: SeededAccount[];
  primaryUrl: string;
  replicaUrl: string | undefined;
  /** The settings a process that publishes beside the instances needs (the worker has them). */
  publisherEnv: Record<string, string>;
  instances: Instance[];
  /** Kills an instance as a crash would (SIGKILL); it is started again after a second. */
  kill(index: number): void;
  /** Resolves when every instance answers again. */
  allAnswering(): Promise<void>;
  /** The embedded pair, when the topology started it. */
  embedded: EmbeddedPair | undefined;
  stop(): Promise<void>;
}

/** The config file nginx runs with, from the template: only the FACTDESK_NGINX_ names are filled. */
function nginxConfig(values: Record<string, string>): string {
  return readFileSync(TEMPLATE, 'utf8').replace(/\$\{(FACTDESK_NGINX_[A-Z_]+)\}/g, (_, name) => {
    const value = values[name];
    if (value === undefined) throw new Error(`The nginx template needs ${name}.`);
    return value;
  });
}

/** Why nginx cannot run here, or null. */
function nginxMissing(): string | null {
  if (!existsSync(NGINX_BINARY)) {
    return "nginx is not installed: apt-get install nginx-light (Debian's package).";
  }
  return null;
}

export async function startTopology(options: TopologyOptions = {}): Promise<Topology> {
  const log = options.log ?? ((message: string) => console.log(`[cluster] ${message}`));
  const missing = nginxMissing();
  if (missing) throw new Error(missing);
  const count = options.instances ?? 3;
  const nginxPort = options.port ?? 8080;
  const url = `http://localhost:${nginxPort}`;
  const name = options.name ?? 'cluster';

  let embedded: EmbeddedPair | undefined;
  let primaryUrl = process.env.DATABASE_URL;
  let replicaUrl = process.env.FACTDESK_READ_DATABASE_URL;
  if (!primaryUrl) {
    embedded = await startEmbeddedPair({ log, name, fresh: options.fresh });
    primaryUrl = embedded.primary.url;
    replicaUrl = embedded.replica.url;
    log(`Postgres primary and streaming replica are running.`);
  } else if (!replicaUrl) {
    log('DATABASE_URL without FACTDESK_READ_DATABASE_URL: public reads go to the primary.');
  }
  const databaseUrl = primaryUrl;
  const seeded = await migrateDatabase(databaseUrl, async () => {
    process.env.DATABASE_URL = databaseUrl;
    try {
      return await seedDemo(process.env.FACTDESK_TIMEZONE || 'UTC');
    } finally {
      await closeDb();
    }
  });
  await buildIfNeeded((message) => log(message));

  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  // Its cache lasts as long as it runs: a fresh folder in the system's temp folder, which its
  // workers reach whatever the project's folder lets them (as root they run as nobody).
  const stateDir = mkdtempSync(path.join(os.tmpdir(), `factdesk-${name}-nginx-`));
  mkdirSync(path.join(stateDir, 'cache'));
  // nginx's workers run as nobody when it is started as root: they write the cache.
  if (process.getuid?.() === 0) {
    const nobody = Number(execFileSync('id', ['-u', 'nobody']).toString().trim());
    for (const dir of [stateDir, path.join(stateDir, 'cache')]) chownSync(dir, nobody, -1);
  }
  const configFile = path.join(stateDir, 'nginx.conf');
  writeFileSync(
    configFile,
    nginxConfig({
      FACTDESK_NGINX_LISTEN: `127.0.0.1:${nginxPort}`,
      FACTDESK_NGINX_UPSTREAMS: ports
        .map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`)
        .join('\n    '),
      FACTDESK_NGINX_STATE: stateDir,
      FACTDESK_NGINX_PURGE_FROM: '127.0.0.1',
    }),
  );

  const publisherEnv = {
    DATABASE_URL: databaseUrl,
    FACTDESK_READ_DATABASE_URL: replicaUrl ?? '',
    FACTDESK_PURGE_URL: `http://127.0.0.1:${nginxPort}{path}`,
    // A refresh of each page (see the template).
    FACTDESK_PURGE_METHOD: 'HEAD',
    FACTDESK_PURGE_HEADERS: '{"X-Factdesk-Refresh":"1"}',
  };
  const secrets = readLocalSecrets();
  const envOf = (port: number, index: number): NodeJS.ProcessEnv => ({
    ...process.env,
    ...options.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    ...publisherEnv,
    AUTH_SECRET: process.env.AUTH_SECRET || secrets.authSecret,
    AUTH_TRUST_HOST: 'true',
    AUTH_URL: `${url}/api/auth`,
    FACTDESK_BASE_URL: url,
    FACTDESK_TRUSTED_PROXIES: '127.0.0.1',
    // One worker for the topology: jobs are shared through Postgres, any instance could run them.
    FACTDESK_JOBS: index === 0 ? 'on' : 'off',
  });

  let stopping = false;
  const instances: Instance[] = [];
  const launch = (index: number) => {
    const port = ports[index]!;
    const child = spawn(process.execPath, SERVER_ARGS, {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: envOf(port, index),
    });
    const output = instances[index]?.output ?? [];
    instances[index] = { port, process: child, output };
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        output.push(line);
        if (output.length > 2_000) output.shift();
        if (options.echo) console.log(`[${index + 1}] ${line}`);
      });
    }
    child.once('exit', (code, signal) => {
      if (stopping) return;
      log(`instance ${index + 1} (port ${port}) stopped (${signal ?? code}); starting it again`);
      setTimeout(() => {
        if (!stopping) launch(index);
      }, RESTART_AFTER_MS).unref();
    });
  };
  for (let index = 0; index < count; index++) launch(index);

  const nginx = spawn(
    NGINX_BINARY,
    ['-e', path.join(stateDir, 'error.log'), '-c', configFile, '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const allAnswering = () =>
    Promise.all(
      instances.map((instance) => waitForHttp(`http://127.0.0.1:${instance.port}/robots.txt`)),
    ).then(() => {});

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all([
      ...instances.map((instance) => stopChild(instance.process, 10_000)),
      (async () => {
        if (hasExited(nginx)) return;
        nginx.kill('SIGQUIT');
        await exited(nginx);
      })(),
    ]);
    await embedded?.replica.stop().catch(() => {});
    await embedded?.primary.stop().catch(() => {});
    rmSync(stateDir, { recursive: true, force: true });
  };

  try {
    await allAnswering();
    await waitForHttp(`${url}/robots.txt`);
  } catch (error) {
    await stop();
    throw error;
  }
  log(
    `Factdesk on ${url}: nginx in front of ${count} instances (ports ${ports.join(', ')}), ` +
      `public reads from ${replicaUrl ? 'the replica' : 'the primary'}.`,
  );
  return {
    url,
    seeded: seeded ?? [],
    primaryUrl: databaseUrl,
    publisherEnv,
    replicaUrl,
    instances,
    kill: (index) => instances[index]?.process.kill('SIGKILL'),
    allAnswering,
    embedded,
    stop,
  };
}
