import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';

const root = path.resolve(__dirname, '..', '..');
// The publications this test makes log each purge at info level: only warnings are wanted here.
process.env.LOG_LEVEL ??= 'warn';

/** nginx's port for the test's topology (scripts/cluster/topology.ts). */
export const clusterPort = Number(process.env.CLUSTER_PORT ?? 18480);

/**
 * `npm run test:cluster`: the scale-out topology started on this machine (an embedded primary
 * with a streaming replica, three instances, nginx in front) and tested running, through nginx,
 * by one worker that owns it (topology.cluster.ts).
 */
export default defineConfig({
  testDir: '.',
  testMatch: /\.cluster\.ts$/,
  outputDir: path.join(root, 'test-results', 'cluster'),
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // A guard against hangs: the first test waits for the topology to start.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${clusterPort}`,
    // nginx names the instance that answered to whoever asks (the template's trace).
    extraHTTPHeaders: { 'x-factdesk-trace': '1' },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
