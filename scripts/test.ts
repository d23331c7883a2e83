/**
 * `npm test` (after type-check and lint): unit and integration tests (Vitest), then the
 * end-to-end tests (Playwright, system Chromium) against `next build` + `next start` on a fresh
 * database. Postgres: FACTDESK_TEST_DATABASE_URL or DATABASE_URL (a server where databases may
 * be created), else the embedded one. Ends with one line: "tests: N passed, N failed".
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { E2E_PASSWORD, e2eAccounts } from '@/e2e/accounts';
import { buildIfNeeded } from './build';
import { createDatabase, dropDatabase, openTestServer, uniqueDatabaseName } from './test-database';

const resultsDir = 'test-results';
const tally = { passed: 0, failed: 0, skipped: 0 };

function run(args: string[], env: Record<string, string> = {}): Promise<number> {
  const child = spawn(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

async function vitest(serverUrl: string): Promise<number> {
  const output = path.join(resultsDir, 'vitest.json');
  const code = await run(
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${output}`,
    ],
    { FACTDESK_TEST_DATABASE_URL: serverUrl },
  );
  const report = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
  }>(output);
  tally.passed += report?.numPassedTests ?? 0;
  tally.failed += report?.numFailedTests ?? (code === 0 ? 0 : 1);
  tally.skipped += report?.numPendingTests ?? 0;
  return code;
}

async function playwright(serverUrl: string): Promise<number> {
  await buildIfNeeded();
  const name = uniqueDatabaseName('factdesk_e2e');
  const databaseUrl = await createDatabase(serverUrl, name);
  try {
    // The e2e accounts are made with the real command-line tool, as a first admin would be.
    for (const account of Object.values(e2eAccounts)) {
      const code = await run(
        [
          '--conditions=react-server',
          '--import',
          'tsx',
          'scripts/users.ts',
          'add',
          `--email=${account.email}`,
          `--name=${account.name}`,
          `--role=${account.role}`,
        ],
        { DATABASE_URL: databaseUrl, FACTDESK_PASSWORD: E2E_PASSWORD },
      );
      if (code !== 0) throw new Error(`npm run users failed for ${account.email}`);
    }
    // Extra arguments (e.g. a spec file) go to Playwright: `npm run test:e2e -- e2e/editor.spec.ts`.
    const extra = process.argv.slice(2).filter((arg) => arg !== '--e2e-only');
    // Tests make their data with lib's functions (e2e/data.ts), in the Playwright processes:
    // those need lib's react-server condition (its workers inherit the flag) and the e2e database,
    // in the newsroom's time zone as the server has it.
    const code = await run(
      [
        '--conditions=react-server',
        'node_modules/@playwright/test/cli.js',
        'test',
        '--config=e2e/playwright.config.ts',
        ...extra,
      ],
      {
        E2E_DATABASE_URL: databaseUrl,
        DATABASE_URL: databaseUrl,
        FACTDESK_TIMEZONE: '',
        E2E_SELECTION: extra.length > 0 ? '1' : '',
      },
    );
    const report = readJson<{
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    }>(path.join(resultsDir, 'e2e.json'));
    tally.passed += (report?.stats.expected ?? 0) + (report?.stats.flaky ?? 0);
    tally.failed += report?.stats.unexpected ?? (code === 0 ? 0 : 1);
    tally.skipped += report?.stats.skipped ?? 0;
    return code;
  } finally {
    await dropDatabase(serverUrl, name);
  }
}

async function main(): Promise<number> {
  rmSync(resultsDir, { recursive: true, force: true });
  const server = await openTestServer();
  try {
    const unitAndIntegration = process.argv.includes('--e2e-only') ? 0 : await vitest(server.url);
    const endToEnd = await playwright(server.url);
    return unitAndIntegration || endToEnd;
  } finally {
    await server.stop();
  }
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    tally.failed += 1;
    return 1;
  })
  .then((code) => {
    const skipped = tally.skipped ? `, ${tally.skipped} skipped` : '';
    console.log(`\ntests: ${tally.passed} passed, ${tally.failed} failed${skipped}`);
    process.exit(code || (tally.failed > 0 ? 1 : 0));
  });
