import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'public',
  'next.config.js',
  'proxy.ts',
  'instrumentation-client.ts',
  'tsconfig.json',
  'package-lock.json',
];
export const nextBin = path.join('node_modules', 'next', 'dist', 'bin', 'next');

const BUILD_KEY_FILE = path.join('.next', 'factdesk-build-key');

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (!statSync(entry).isDirectory()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) {
    if (name === 'migrations' || name.endsWith('.test.ts')) continue;
    yield* files(path.join(entry, name));
  }
}

/** A hash of everything the production build is made of. */
function sourceKey(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((entry) => [...files(entry)])) {
    hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * Runs `next build` unless the last build was made from exactly these sources. Aborting `signal`
 * stops a build under way (the launcher does so on Ctrl-C or SIGTERM).
 */
export async function buildIfNeeded(
  log: (message: string) => void = console.log,
  signal?: AbortSignal,
): Promise<void> {
  const key = sourceKey();
  if (existsSync(BUILD_KEY_FILE) && readFileSync(BUILD_KEY_FILE, 'utf8') === key) return;
  log('Building Factdesk (next build); this takes a minute or two the first time …');
  // Asynchronous, so that Ctrl-C during the build still reaches the launcher's handler.
  const build = spawn(process.execPath, [nextBin, 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    signal,
  });
  build.on('error', () => {}); // aborted, or could not start: 'close' follows either way
  const exitCode = await new Promise<number | null>((resolve) => build.on('close', resolve));
  signal?.throwIfAborted();
  if (exitCode !== 0) throw new Error('next build failed; see the output above.');
  writeFileSync(BUILD_KEY_FILE, key);
}
