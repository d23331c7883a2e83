/**
 * `npm start`: starts Factdesk with its database. Without DATABASE_URL it runs the embedded
 * Postgres under `.data/`; it migrates, seeds a fresh database once, builds when the sources
 * changed, then runs Next.js, and on Ctrl-C or SIGTERM stops Next.js and then Postgres.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getDb } from '@/db/client';
import { dataDir, ensureDataDir, readLocalSecrets } from '@/db/local-data';
import { migrateDatabase } from '@/db/migrate';
import { type SeededAccount, seedDemo } from '@/db/seed';
import { parseConfig } from '@/lib/config';
import { formatAccounts } from './accounts-box';
import { waitForHttp } from './bench/http';
import { buildIfNeeded, clearDataCache, nextBin } from './build';
import { openDatabase } from './database';

const say = (message: string) => console.log(`[factdesk] ${message}`);
const launcherPidFile = path.join(dataDir, 'launcher.pid');

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  const config = parseConfig(process.env);
  if (!config.DATABASE_URL) claimDataDirectory();

  const database = await openDatabase(config.DATABASE_URL, { log: say });
  say(
    config.DATABASE_URL ? 'Using the Postgres at DATABASE_URL.' : 'Embedded Postgres is running.',
  );
  process.env.DATABASE_URL = database.url;

  let next: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    if (next && next.exitCode === null) {
      say('Stopping …');
      const exited = new Promise((resolve) => next?.once('exit', resolve));
      next.kill('SIGTERM');
      await exited;
    }
    await getDb()
      .$client.end({ timeout: 5 })
      .catch(() => {});
    await database.stop();
    releaseDataDirectory();
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  let seeded: SeededAccount[] | undefined;
  try {
    seeded = await migrateDatabase(database.url, () =>
      config.FACTDESK_DEMO_SEED === 'on' ? seedDemo(config.FACTDESK_TIMEZONE) : Promise.resolve([]),
    );
    if (seeded?.length) printAccounts(seeded);
    if (!dev) await buildIfNeeded(say);
    clearDataCache();
  } catch (error) {
    console.error(`[factdesk] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
    return;
  }

  const port = String(config.PORT);
  const baseUrl = config.FACTDESK_BASE_URL ?? `http://localhost:${port}`;
  // Production: scripts/server.ts (Next.js with public pages served from memory in front).
  const command = dev ? [nextBin, 'dev', '--port', port] : ['--import', 'tsx', 'scripts/server.ts'];
  next = spawn(process.execPath, command, {
    stdio: 'inherit',
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: config.AUTH_SECRET ?? readLocalSecrets().authSecret,
      AUTH_TRUST_HOST: 'true',
      AUTH_URL: `${baseUrl}/api/auth`,
      FACTDESK_BASE_URL: baseUrl,
      FACTDESK_TIMEZONE: config.FACTDESK_TIMEZONE,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: dev ? 'development' : 'production',
      PORT: port,
    },
  });
  say(`Factdesk is starting on ${baseUrl} (newsroom: ${baseUrl}/desk). Ctrl-C stops it.`);
  next.on('exit', (code) => {
    if (!stopping) void shutdown(code ?? 1);
  });
  if (seeded?.length) {
    const accounts = seeded;
    // Once more when the server answers: the build output has scrolled the first box away.
    waitForHttp(`http://127.0.0.1:${port}/robots.txt`)
      .then(() => {
        if (!stopping) printAccounts(accounts, `Factdesk is ready on ${baseUrl}. ${HEADING}`);
      })
      .catch(() => {});
  }
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
}

function releaseDataDirectory(): void {
  if (
    existsSync(launcherPidFile) &&
    readFileSync(launcherPidFile, 'utf8') === String(process.pid)
  ) {
    rmSync(launcherPidFile, { force: true });
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
  console.error(`[factdesk] ${error instanceof Error ? error.message : String(error)}`);
  releaseDataDirectory();
  process.exit(1);
});
