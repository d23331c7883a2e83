import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside React Server Components; in tests it is a no-op.
      'server-only': path.join(root, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.db.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: [
            'lib/**/*.db.test.ts',
            'db/**/*.db.test.ts',
            'scripts/**/*.db.test.ts',
            // The app's boundaries (actions, route handlers) called directly: the authorization table.
            'app/**/*.db.test.ts',
          ],
          globalSetup: ['vitest.db-setup.ts'],
          setupFiles: ['vitest.db-file.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
