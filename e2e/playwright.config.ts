import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { e2eBaseUrl as baseURL, e2ePort as port } from './base-url';
import { chromiumLaunchOptions } from './chromium';

const root = path.resolve(__dirname, '..');

if (!process.env.E2E_DATABASE_URL) {
  throw new Error(
    'Run the end-to-end tests through `npm test` (scripts/test.ts), which prepares their database.',
  );
}

/**
 * Specs that change what every other test relies on: the whole database read-only
 * (database-faults), the sign-in throttle of this machine's address (throttle), or that start
 * servers of their own and compare every public list across them (instances, request-smuggling).
 * They run alone, one at a time, after the others.
 */
const exclusiveSpecs = [
  /database-faults\.spec\.ts$/,
  /throttle\.spec\.ts$/,
  /instances\.spec\.ts$/,
  /request-smuggling\.spec\.ts$/,
];

/**
 * `npm run test:e2e -- <files or options>` runs a selection. Playwright runs a teardown project in
 * full whatever the selection, so there the exclusive specs are an ordinary project instead, and
 * one worker (unless --workers says otherwise) keeps them from running beside the others.
 */
const selection = process.env.E2E_SELECTION === '1';

export default defineConfig({
  testDir: '.',
  outputDir: path.join(root, 'test-results'),
  // Two workers on a 2-core machine: much of a browser test is waiting (autosave pauses, pages).
  workers: selection ? 1 : 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // A guard against hangs, not a measure: two workers share the two cores, so tests take longer.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: path.join(root, 'test-results', 'e2e.json') }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    // Each account signs in once through the form; the other tests reuse that browser state.
    {
      name: 'sign-in',
      testMatch: /auth\.setup\.ts$/,
      // Playwright runs a setup project's teardown after every project that depends on it has
      // finished, whatever their outcome: the exclusive specs then have the server to themselves.
      teardown: selection ? undefined : 'exclusive',
    },
    {
      name: 'shared',
      use: { browserName: 'chromium' },
      testMatch: /\.spec\.ts$/,
      testIgnore: exclusiveSpecs,
      dependencies: ['sign-in'],
      // Every test makes its own briefs and people, so tests of one file may run at once too.
      fullyParallel: true,
    },
    {
      name: 'exclusive',
      use: { browserName: 'chromium' },
      testMatch: exclusiveSpecs,
      dependencies: selection ? ['sign-in'] : [],
      workers: 1,
    },
  ],
  webServer: {
    // scripts/test.ts has just built: the server starts from that build.
    command: 'node --conditions=react-server --import tsx scripts/start.ts --prebuilt',
    cwd: root,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      PORT: String(port),
      FACTDESK_DEMO_SEED: 'off',
      // The tests' own fixture pages (sources to fetch and capture) are served on this machine:
      // allowed by name, as an intranet would be, with every other check of the fetcher on.
      FACTDESK_FETCH_ALLOW: '127.0.0.1',
      // Empty settings count as unset everywhere (an empty time zone once crashed pages).
      FACTDESK_TIMEZONE: '',
    },
  },
});
