/**
 * `npm run cluster`: Factdesk scaled out on this machine, as in production: a Postgres primary
 * with a streaming replica, three instances, nginx in front (scripts/cluster/topology.ts).
 * `--instances N` and `--port P` (nginx's, default 8080) change the shape. Ctrl-C stops it all.
 */

import { startTopology } from './cluster/topology';
import { runCommand, UsageError } from './database';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new UsageError(`--${name} needs a whole number, such as --${name} ${fallback}.`);
  }
  return value;
}

runCommand(async () => {
  const topology = await startTopology({
    instances: option('instances', 3),
    port: option('port', 8080),
    echo: true,
  });
  console.log(
    `[cluster] Ready: ${topology.url} (newsroom: ${topology.url}/desk). Ctrl-C stops it.`,
  );
  const stop = () => void topology.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
