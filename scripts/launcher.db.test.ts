/**
 * The launcher (`npm start`, scripts/start.ts) under faults, as real processes killed by PID:
 * the server killed, Postgres killed, the launcher itself killed, signals at any moment, a port
 * already taken. Every process a test starts is killed after it, whatever the outcome.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, temporaryHome } from '@/db/embedded';
import { signIn, waitForHttp } from './bench/http';
import { buildIfNeeded } from './build';

const root = process.cwd();
const started = new Set<number>();

interface Launcher {
  child: ChildProcess;
  port: number;
  output(): string;
  /** Resolves with how the launcher ended. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startLauncher(options: { cwd?: string; env: Record<string, string> }): Launcher {
  const port = Number(options.env.PORT);
  // As a person's shell would have it: none of the test runner's variables.
  const env: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(VITEST|NODE_ENV$|DATABASE_URL$|FACTDESK_|TEST$)/.test(name),
    ),
  );
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'scripts/start.ts'],
    {
      cwd: options.cwd ?? root,
      env: { ...env, ...options.env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.add(child.pid!);
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, port, output: () => output, ended };
}

async function waitUntil<T>(
  what: string,
  probe: () => T | undefined | false,
  timeoutMs = 60_000,
  launcher?: Launcher,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}.\n${launcher?.output() ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function waitForOutput(launcher: Launcher, text: string, timeoutMs = 60_000): Promise<boolean> {
  return waitUntil(`"${text}"`, () => launcher.output().includes(text), timeoutMs, launcher);
}

/** Alive and not a zombie (a killed process whose parent has not collected it yet). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** The launcher's server process, once it runs. */
function serverPid(launcher: Launcher, except?: number): Promise<number> {
  return waitUntil(
    'the server process',
    () => {
      const server = childrenOf(launcher.child.pid!).find(
        (child) =>
          child !== except &&
          isAlive(child) &&
          readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('scripts/server.ts'),
      );
      if (server) started.add(server);
      return server;
    },
    60_000,
    launcher,
  );
}

async function ended(launcher: Launcher, timeoutMs = 30_000) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The launcher did not end.\n${launcher.output()}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([launcher.ended, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function expectAllEnded(): void {
  expect([...started].filter(isAlive)).toEqual([]);
}

beforeAll(async () => {
  // The launcher runs the production build; the suite's end-to-end tests reuse it.
  await buildIfNeeded(() => {});
}, 900_000);

afterEach(() => {
  // Descendants first found, then all killed: a killed launcher's children would be orphans.
  const all = [...started];
  for (let i = 0; i < all.length; i += 1) all.push(...childrenOf(all[i]!));
  for (const pid of all) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  started.clear();
});

describe('the launcher on DATABASE_URL', () => {
  const launch = async () =>
    startLauncher({
      env: {
        DATABASE_URL: process.env.DATABASE_URL!,
        FACTDESK_DEMO_SEED: 'off',
        PORT: String(await freePort()),
      },
    });
  const ready = (launcher: Launcher) =>
    waitForHttp(`http://127.0.0.1:${launcher.port}/robots.txt`, 120_000);

  it('starts a killed server again, and stops at once on SIGTERM while it does', async () => {
    const launcher = await launch();
    await ready(launcher);
    const first = await serverPid(launcher);
    process.kill(first, 'SIGKILL');
    await waitForOutput(launcher, `The server (process ${first}) was killed by SIGKILL; starting`);
    const second = await serverPid(launcher, first);
    await ready(launcher);

    // Killed again, and the launcher told to stop while it starts the server once more.
    process.kill(second, 'SIGKILL');
    await waitForOutput(launcher, `The server (process ${second}) was killed by SIGKILL`);
    await serverPid(launcher, second);
    launcher.child.kill('SIGTERM');
    expect(await ended(launcher)).toEqual({ code: 0, signal: null });
    expectAllEnded();
  }, 180_000);

  it('gives up after repeated crashes, stops and says why', async () => {
    const launcher = await launch();
    let previous: number | undefined;
    for (let crash = 1; crash <= 4; crash += 1) {
      previous = await serverPid(launcher, previous);
      process.kill(previous, 'SIGKILL');
    }
    expect(await ended(launcher)).toEqual({ code: 1, signal: null });
    expect(launcher.output()).toContain('the 4th crash within 60 s; giving up.');
    expectAllEnded();
  }, 120_000);

  it('does not leave its server behind when it is killed itself', async () => {
    const launcher = await launch();
    await ready(launcher);
    const server = await serverPid(launcher);
    launcher.child.kill('SIGKILL');
    await waitUntil('the orphaned server to stop', () => !isAlive(server), 15_000, launcher);
  }, 120_000);

  it('refuses to start over a process that holds its port, naming that process', async () => {
    const port = await freePort();
    const holder = spawn(
      process.execPath,
      ['-e', `require('node:net').createServer().listen(${port}, () => console.log('listening'))`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    started.add(holder.pid!);
    await new Promise((resolve) => holder.stdout!.once('data', resolve));

    const launcher = startLauncher({
      env: { DATABASE_URL: process.env.DATABASE_URL!, PORT: String(port) },
    });
    expect(await ended(launcher)).toEqual({ code: 1, signal: null });
    expect(launcher.output()).toContain(
      `Port ${port} is already in use by process ${holder.pid} (`,
    );
    expect(launcher.output()).not.toContain('Using the Postgres');
  }, 60_000);
});

describe('the launcher with its embedded Postgres', () => {
  // A copy of the project made of links, with a `.data` of its own: the tests must not touch
  // the embedded Postgres of the checkout they run in.
  const project = mkdtempSync(path.join(os.tmpdir(), 'factdesk-launcher-'));
  const asRoot = process.getuid?.() === 0;
  // As root, the OS user postgres cannot enter the mkdtemp folder: the data goes elsewhere.
  const clusterDir = asRoot
    ? path.join(temporaryHome(project), 'postgres')
    : path.join(project, '.data', 'postgres');
  const postmasterPid = () => {
    const file = path.join(clusterDir, 'postmaster.pid');
    const pid = existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : 0;
    if (pid && isAlive(pid)) started.add(pid);
    return pid && isAlive(pid) ? pid : undefined;
  };

  beforeAll(() => {
    for (const entry of readdirSync(root)) {
      if (entry !== '.data') symlinkSync(path.join(root, entry), path.join(project, entry));
    }
  });

  afterAll(async () => {
    // A Postgres left by a failed test: immediate shutdown.
    const pid = postmasterPid();
    if (pid) {
      process.kill(pid, 'SIGQUIT');
      await waitUntil('Postgres to stop', () => !isAlive(pid), 30_000).catch(() => {});
    }
    rmSync(project, { recursive: true, force: true });
    if (asRoot) rmSync(temporaryHome(project), { recursive: true, force: true });
  });

  it('starts a killed Postgres again; Ctrl-C after Postgres died ends with one line', async () => {
    const launcher = startLauncher({ cwd: project, env: { PORT: String(await freePort()) } });
    const baseUrl = `http://127.0.0.1:${launcher.port}`;
    await waitForHttp(`${baseUrl}/robots.txt`, 180_000);
    // The demo admin, as the launcher printed it.
    const [, email = '', password = ''] =
      /^\s+admin\s+(\S+@\S+)\s+(\S+)$/m.exec(launcher.output()) ?? [];
    await signIn(baseUrl, email, password);
    await serverPid(launcher);

    const first = await waitUntil('Postgres', postmasterPid);
    process.kill(first, 'SIGKILL');
    await waitForOutput(launcher, 'The embedded Postgres is running again.');
    await signIn(baseUrl, email, password);

    const second = await waitUntil('Postgres', postmasterPid);
    process.kill(second, 'SIGKILL');
    launcher.child.kill('SIGINT');
    expect(await ended(launcher, 60_000)).toEqual({ code: 0, signal: null });
    const output = launcher.output();
    expect(output).toContain(
      '[factdesk] The embedded Postgres had already stopped; the next start recovers its data.',
    );
    // No uncaught error (Node ends those with its version) and no stack trace.
    expect(output).not.toContain('Node.js v');
    expect(output).not.toMatch(/^\s+at /m);
    expectAllEnded();
  }, 240_000);
});
