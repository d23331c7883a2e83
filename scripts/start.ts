/**
 * `npm start`: starts Factdesk with its database. Without DATABASE_URL it runs the embedded
 * Postgres under `.data/`; it migrates, seeds a fresh database once, builds when the sources
 * changed, then runs the server and supervises it: a server that crashes is started again, and
 * so is an embedded Postgres that dies (a few times a minute at most; past that it stops
 * everything and says why). Ctrl-C or SIGTERM stops the server and then Postgres, at any moment.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeDb } from '@/db/client';
import type { EmbeddedPostgres, StartedServer } from '@/db/embedded';
import { dataDir, ensureDataDir, readLocalSecrets } from '@/db/local-data';
import { migrateDatabase } from '@/db/migrate';
import { type Config, parseConfig } from '@/lib/config';
import { formatAccounts } from './accounts-box';
import { waitForHttp } from './bench/http';
import { buildIfNeeded, nextBin } from './build';
import { openDatabase } from './database';
import { assertPortFree } from './port-holder';
import { type SeededAccount, seedDemo } from './seed';
import { describeExit, firstLine, hasExited, RestartBudget, stopChild } from './supervisor';
import { WORKER_ARGS } from './worker-args';

const say = (message: string) => console.log(`[factdesk] ${message}`);
const launcherPidFile = path.join(dataDir, 'launcher.pid');

// A process that crashes more often than this will not get better by being started again.
const RESTARTS = { max: 3, windowMs: 60_000 };
// How long the server may take to stop after SIGTERM before it is killed.
const SERVER_STOP_GRACE_MS = 10_000;
const POSTGRES_CHECK_INTERVAL_MS = 2_000;

/** Aborted when the launcher starts to stop: whatever is still starting gives up. */
const stopping = new AbortController();
let stopped: Promise<void> | undefined;
let opening: Promise<EmbeddedPostgres> | undefined;
let server: ChildProcess | undefined;
/** The worker (jobs, captures) `npm run dev` starts beside `next dev`. */
let worker: ChildProcess | undefined;
let claimedDataDirectory = false;

async function main(): Promise<void> {
  // First of all: from here on, Ctrl-C, SIGTERM and a closed terminal stop what has been started.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  const dev = process.argv.includes('--dev');
  // The end-to-end run built just before starting: a source file edited since (another
  // checkout's work in progress, an editor's save) must not start a second build under its clock.
  const prebuilt = process.argv.includes('--prebuilt');
  const config = parseConfig(process.env);
  if (!config.DATABASE_URL) claimDataDirectory();
  // Before Postgres: a server left running by a killed launcher may still be using it.
  await assertPortFree(config.PORT);

  opening = openDatabase(config.DATABASE_URL, { log: say });
  const database = await opening;
  if (stopping.signal.aborted) return;
  say(
    config.DATABASE_URL ? 'Using the Postgres at DATABASE_URL.' : 'Embedded Postgres is running.',
  );
  process.env.DATABASE_URL = database.url;

  const seeded = await migrateDatabase(database.url, () =>
    config.FACTDESK_DEMO_SEED === 'on' ? seedDemo(config.FACTDESK_TIMEZONE) : Promise.resolve([]),
  );
  if (seeded?.length) printAccounts(seeded);
  if (!dev && !prebuilt) await buildIfNeeded(say, stopping.signal);
  if (stopping.signal.aborted) return;

  const baseUrl = config.FACTDESK_BASE_URL ?? `http://localhost:${config.PORT}`;
  const env = serverEnv(config, database.url, baseUrl, dev);
  superviseServer(serverCommand(dev, config.PORT), env);
  // In production the server starts the worker beside itself; `next dev` does not.
  if (dev && config.FACTDESK_JOBS === 'on') {
    worker = spawn(process.execPath, WORKER_ARGS, {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env,
    });
  }
  if (database.started) supervisePostgres(database.started);
  say(`Factdesk is starting on ${baseUrl} (newsroom: ${baseUrl}/desk). Ctrl-C stops it.`);
  if (seeded?.length) {
    const accounts = seeded;
    // Once more when the server answers: the build output has scrolled the first box away.
    waitForHttp(`http://127.0.0.1:${config.PORT}/robots.txt`)
      .then(() => {
        if (!stopped) printAccounts(accounts, `Factdesk is ready on ${baseUrl}. ${HEADING}`);
      })
      .catch(() => {});
  }
}

function serverCommand(dev: boolean, port: number): string[] {
  if (dev) return [nextBin, 'dev', '--port', String(port)];
  // Production: scripts/server.ts (Next.js with public pages served from memory in front), made
  // to stop when the launcher is gone, even killed (see exit-with-parent.ts).
  return ['--import', 'tsx', '--import', './scripts/exit-with-parent.ts', 'scripts/server.ts'];
}

function serverEnv(
  config: Config,
  databaseUrl: string,
  baseUrl: string,
  dev: boolean,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: config.AUTH_SECRET ?? readLocalSecrets().authSecret,
    AUTH_TRUST_HOST: 'true',
    AUTH_URL: `${baseUrl}/api/auth`,
    FACTDESK_BASE_URL: baseUrl,
    FACTDESK_TIMEZONE: config.FACTDESK_TIMEZONE,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: dev ? 'development' : 'production',
    PORT: String(config.PORT),
  };
}

/** Runs the server, and starts it again when it crashes (within the restart budget). */
function superviseServer(command: string[], env: NodeJS.ProcessEnv): void {
  const restarts = new RestartBudget(RESTARTS.max, RESTARTS.windowMs);
  const start = () => {
    const child = spawn(process.execPath, command, {
      // The IPC channel tells the server when the launcher is gone (exit-with-parent.ts).
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env,
    });
    server = child;
    child.on('error', (error) => {
      if (!stopped) void stop(1, `The server could not be started: ${firstLine(error)}`);
    });
    child.on('exit', (code, signal) => {
      if (stopped) return;
      const how = `The server (process ${child.pid}) ${describeExit(code, signal)}`;
      // Exit code 0: someone stopped it on purpose (SIGTERM sent to it alone).
      if (code === 0) return void stop(0, `${how}; stopping Factdesk.`);
      if (!restarts.take(Date.now())) {
        return void stop(
          1,
          `${how}, the ${RESTARTS.max + 1}th crash within ${RESTARTS.windowMs / 1000} s; ` +
            'giving up. The output above says why it stopped.',
        );
      }
      say(`${how}; starting it again.`);
      start();
    });
  };
  start();
}

/** Notices when the embedded Postgres dies (killed, crashed) and starts it again. */
function supervisePostgres(postgres: StartedServer): void {
  const restarts = new RestartBudget(RESTARTS.max, RESTARTS.windowMs);
  let restarting = false;
  const check = async () => {
    if (stopped || restarting || postgres.isRunning()) return;
    if (!restarts.take(Date.now())) {
      return void stop(
        1,
        `The embedded Postgres stopped again, the ${RESTARTS.max + 1}th time within ` +
          `${RESTARTS.windowMs / 1000} s; giving up. Its log: ${postgres.logFile}`,
      );
    }
    say(
      `The embedded Postgres stopped unexpectedly; starting it again (its log: ${postgres.logFile}).`,
    );
    restarting = true;
    try {
      await postgres.restart();
      if (!stopped) say('The embedded Postgres is running again.');
    } catch (error) {
      // Its processes may still be ending (shared memory in use): the next check tries again.
      if (!stopped) say(`The embedded Postgres did not start again: ${firstLine(error)}`);
    } finally {
      restarting = false;
    }
  };
  setInterval(() => void check(), POSTGRES_CHECK_INTERVAL_MS).unref();
}

function onSignal(): void {
  if (!stopped) {
    void stop(0);
    return;
  }
  // Asked again while stopping: no more waiting for the server to finish its requests.
  if (server && !hasExited(server)) {
    say('Stopping the server at once.');
    server.kill('SIGKILL');
  }
}

/**
 * Stops everything this launcher started, in order, each step bounded in time and reported in
 * one line if it fails, then exits. Safe to call at any moment and more than once.
 */
function stop(exitCode: number, reason?: string): Promise<void> {
  stopped ??= (async () => {
    stopping.abort();
    if (reason) say(reason);
    if (opening) say('Stopping …');
    let code = exitCode;
    const step = async (what: string, run: () => Promise<void>) => {
      try {
        await run();
      } catch (error) {
        say(`Could not ${what}: ${firstLine(error)}`);
        code ||= 1;
      }
    };
    if (server) await step('stop the server', () => stopChild(server!, SERVER_STOP_GRACE_MS));
    if (worker) {
      await step('stop the worker', () => stopChild(worker!, SERVER_STOP_GRACE_MS));
    }
    // The launcher's own connections (the seed's).
    await step('close the database connections', closeDb);
    // Waits for a Postgres still starting, so that it is not left running.
    const database = await opening?.catch(() => undefined);
    if (database) await step('stop the embedded Postgres', () => database.stop());
    releaseDataDirectory();
    process.exit(code);
  })();
  return stopped;
}

/** One `npm start` per data directory: a second one would stop the first one's Postgres. */
function claimDataDirectory(): void {
  ensureDataDir();
  if (existsSync(launcherPidFile)) {
    const pid = Number(readFileSync(launcherPidFile, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `Factdesk is already running from this folder (process ${pid}). Stop it first, ` +
          'or set DATABASE_URL to run another copy on another database.',
      );
    }
  }
  writeFileSync(launcherPidFile, String(process.pid));
  claimedDataDirectory = true;
}

function releaseDataDirectory(): void {
  if (claimedDataDirectory && existsSync(launcherPidFile)) {
    if (readFileSync(launcherPidFile, 'utf8') === String(process.pid)) {
      rmSync(launcherPidFile, { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const HEADING =
  'Demo accounts of this new installation (shown on this first start only; change the passwords under Account):';

function printAccounts(accounts: SeededAccount[], heading = HEADING): void {
  console.log(formatAccounts(accounts, heading));
}

main().catch((error) => {
  // A failure caused by stopping (an aborted build) is no failure: stop() reports and exits.
  if (stopped) return;
  console.error(`[factdesk] ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
