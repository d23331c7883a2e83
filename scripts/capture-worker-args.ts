/**
 * How the source capture worker (scripts/capture-worker.ts) is started: by the production
 * server beside itself, and by `npm run dev` beside `next dev`. Under the react-server condition
 * (lib's server modules need it); it stops when its parent goes (exit-with-parent.ts).
 */
export const CAPTURE_WORKER_ARGS = [
  '--conditions=react-server',
  '--import',
  'tsx',
  '--import',
  './scripts/exit-with-parent.ts',
  'scripts/capture-worker.ts',
];
