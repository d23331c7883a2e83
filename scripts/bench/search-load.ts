/**
 * Sustained search load, for the memory benchmark: `node --import tsx scripts/bench/search-load.ts
 * URL SECONDS` runs autocannon (50 connections) on URL/search with another query on every
 * request (a subject, two subjects, a phrase with an exclusion, and a subject with a number that
 * matches nothing: every one of those is new) and prints `{ requests, non2xx, errors }` as JSON.
 */
import { createRequire } from 'node:module';
import { benchTopics } from './seed';

interface LoadResult {
  requests: { total: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: string; setupRequest: (request: { path: string }) => { path: string } }[];
}) => Promise<LoadResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** The n-th query of the load. */
function searchQuery(n: number): string {
  const subject = benchTopics[n % benchTopics.length]!;
  const other = benchTopics[(n * 7 + 3) % benchTopics.length]!;
  switch (n % 4) {
    case 0:
      return subject;
    case 1:
      return `${subject} or ${other}`;
    case 2:
      return `"${subject}" -${other}`;
    default:
      return `${subject} ${n}`;
  }
}

async function main(): Promise<void> {
  const [url, seconds] = process.argv.slice(2);
  let n = 0;
  const result = await autocannon({
    url: url!,
    connections: 50,
    duration: Number(seconds),
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          n += 1;
          return { ...request, path: `/search?q=${encodeURIComponent(searchQuery(n))}` };
        },
      },
    ],
  });
  console.log(
    JSON.stringify({
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
