/**
 * A newcomer's first start, checked end to end (`.ci/run` runs it after `npm test`): clones this
 * checkout's last commit into a fresh `mktemp -d` folder (which, as root, the OS user postgres
 * cannot enter), installs it with `npm ci`, runs `npm start` without DATABASE_URL, signs in as
 * the demo admin the launcher prints, stops it with SIGINT as Ctrl-C does, and checks that no
 * process of it is left. Usage: node --import tsx scripts/first-start-check.ts
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, temporaryHome } from '@/db/embedded';
import { signIn } from './bench/http';

const START_TIMEOUT_MS = 15 * 60_000; // npm start builds first
const STOP_TIMEOUT_MS = 60_000;

const say = (message: string) => console.log(`[first start] ${message}`);

async function main(): Promise<void> {
  const began = Date.now();
  const parent = mkdtempSync(path.join(os.tmpdir(), 'factdesk-first-start-'));
  const clone = path.join(parent, 'factdesk');
  // Where the data and the Postgres binaries go when the OS user postgres cannot enter `clone`.
  const home = temporaryHome(clone);
  try {
    say(`cloning into ${clone} and installing (npm ci) …`);
    execFileSync('git', ['clone', '--quiet', process.cwd(), clone], { stdio: 'inherit' });
    execFileSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: clone,
      stdio: 'inherit',
    });

    const port = await freePort();
    // As a newcomer has it: no database configured (an undefined variable is not passed on).
    const env = {
      ...process.env,
      DATABASE_URL: undefined,
      FACTDESK_TEST_DATABASE_URL: undefined,
      FACTDESK_DEMO_SEED: undefined,
      PORT: String(port),
    };
    say(`npm start on port ${port}, without DATABASE_URL …`);
    // A process group of its own, so that SIGINT reaches all of it, as Ctrl-C in a terminal does.
    const npmStart = spawn('npm', ['start'], {
      cwd: clone,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(npmStart);
    const exited = new Promise<number | null>((resolve) => npmStart.on('exit', resolve));

    await Promise.race([
      waitFor(() => output().includes('Factdesk is ready on'), START_TIMEOUT_MS, 'readiness'),
      exited.then((code) => {
        throw new Error(`npm start ended with code ${code} before the server was ready.`);
      }),
    ]);
    const [, email = '', password = ''] = /^\s+admin\s+(\S+@\S+)\s+(\S+)$/m.exec(output()) ?? [];
    const baseUrl = `http://127.0.0.1:${port}`;
    const session = await signIn(baseUrl, email, password);
    const desk = await fetch(`${baseUrl}/desk`, { headers: { cookie: session } });
    const deskPage = await desk.text();
    if (desk.status !== 200 || !deskPage.includes('Sign out')) {
      throw new Error(`/desk answered ${desk.status} to the signed-in admin, without Sign out.`);
    }
    say(`signed in as ${email}; /desk answers.`);

    const running = processesOf([parent, home]);
    say(`stopping with SIGINT (${running.length} processes: npm, launcher, server, Postgres …) …`);
    process.kill(-npmStart.pid!, 'SIGINT');
    await Promise.race([exited, delay(STOP_TIMEOUT_MS)]);
    await waitFor(() => processesOf([parent, home]).length === 0, STOP_TIMEOUT_MS, 'the stop');
    if (/Node\.js v\d|^\s+at /m.test(output())) throw new Error('An error was not handled.');
    say(`passed in ${Math.round((Date.now() - began) / 1000)} s: nothing left running.`);
  } finally {
    const left = processesOf([parent, home]);
    if (left.length) {
      console.error(`[first start] left running:\n${left.map(describeProcess).join('\n')}`);
      for (const pid of left) killQuietly(pid);
      process.exitCode = 1;
    }
    rmSync(parent, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

/** Echoes a child's output with a prefix and keeps it for reading. */
function collect(child: ChildProcess): () => string {
  let text = '';
  const echo = (chunk: Buffer) => {
    text += chunk;
    process.stdout.write(chunk);
  };
  child.stdout?.on('data', echo);
  child.stderr?.on('data', echo);
  return () => text;
}

/** Processes working in, or started from, any of these folders (launcher, server, Postgres). */
function processesOf(folders: string[]): number[] {
  const inside = (file: string) => folders.some((folder) => file.startsWith(`${folder}/`));
  return readdirSync('/proc')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid)
    .filter((pid) => {
      try {
        const cwd = readlinkSync(`/proc/${pid}/cwd`);
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return inside(`${cwd}/`) || folders.some((folder) => command.includes(folder));
      } catch {
        return false; // ended meanwhile
      }
    });
}

function describeProcess(pid: number): string {
  try {
    return `  ${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')}`;
  } catch {
    return `  ${pid}`;
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Ended meanwhile.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await delay(250);
  }
}

main().catch((error) => {
  console.error(`[first start] FAILED: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
});
