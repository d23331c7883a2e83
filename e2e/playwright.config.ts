import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
const root = path.resolve(__dirname, '..');

if (!process.env.E2E_DATABASE_URL) {
  throw new Error(
    'Run the end-to-end tests through `npm test` (scripts/test.ts), which prepares their database.',
  );
}

export default defineConfig({
  testDir: '.',
  outputDir: path.join(root, 'test-results'),
  // One worker: the tests share one newsroom (and its last-admin rule) on a 2-core machine.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: path.join(root, 'test-results', 'e2e.json') }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node --conditions=react-server --import tsx scripts/start.ts',
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
      // Empty settings count as unset everywhere (an empty time zone once crashed pages).
      FACTDESK_TIMEZONE: '',
    },
  },
});
