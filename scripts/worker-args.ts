/**
 * How the worker (scripts/worker.ts) is started: by the production server beside itself, by
 * `npm run dev` beside `next dev` (unless FACTDESK_JOBS=off), and by `npm run worker`. Under the
 * react-server condition (lib's server modules need it); started by a parent, it stops when its
 * parent goes (exit-with-parent.ts).
 */
export const WORKER_ARGS = [
  '--conditions=react-server',
  '--import',
  'tsx',
  '--import',
  './scripts/exit-with-parent.ts',
  'scripts/worker.ts',
];
