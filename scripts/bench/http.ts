import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Marks a benchmark process's report among the lines on its stdout (its log writes there too). */
export const REPORT_PREFIX = 'bench-report ';

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** The nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s.`);
}

/** Signs in through Auth.js's credentials endpoint, as the login form does; returns the cookies. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: csrfCookie.join('; '),
    },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseUrl}/desk` }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.includes('session-token='));
  if (!session) throw new Error(`Signing in as ${email} failed (${response.status}).`);
  return session;
}

/** Milliseconds from sending a request to having read the whole answer. */
export async function timed(url: string, init: RequestInit = {}): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}.`);
  return performance.now() - start;
}

export interface LoadResult {
  requestsPerSecond: number;
  p99: number;
}

interface LoadReport {
  non2xx: number;
  errors: number;
}

/**
 * Runs a load generator in a process of its own (so that it does not slow the server) and
 * resolves with the JSON report it prints, refusing one that counts failed answers.
 */
function runLoad<Report extends LoadReport>(label: string, args: string[]): Promise<Report> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${label}: the load generator exited with ${code}.`));
      const report = JSON.parse(output) as Report;
      if (report.non2xx || report.errors) {
        return reject(
          new Error(`${label}: ${report.non2xx} non-2xx answers, ${report.errors} errors.`),
        );
      }
      resolve(report);
    });
  });
}

/** Load on one URL (autocannon): requests per second and p99 latency. */
export async function loadTest(
  url: string,
  seconds: number,
  connections = 50,
): Promise<LoadResult> {
  const cli = path.join('node_modules', 'autocannon', 'autocannon.js');
  const report = await runLoad<
    LoadReport & { requests: { average: number }; latency: { p99: number } }
  >(url, [cli, '--json', '-c', String(connections), '-d', String(seconds), url]);
  return { requestsPerSecond: report.requests.average, p99: report.latency.p99 };
}

/**
 * Sustained search load (scripts/bench/search-load.ts: 50 connections, a new query on every
 * request); resolves with the number of requests answered.
 */
export async function searchLoad(baseUrl: string, seconds: number): Promise<number> {
  const script = path.join('scripts', 'bench', 'search-load.ts');
  const report = await runLoad<LoadReport & { requests: number }>('Search load', [
    '--import',
    'tsx',
    script,
    baseUrl,
    String(seconds),
  ]);
  return report.requests;
}

/** Resident memory of a process and its children, in MiB (Linux /proc). */
/**
 * The resident memory (MiB) of a process and its descendants, leaving out the subtrees of the
 * processes whose command line matches `excluding` (the capture worker, reported apart).
 */
export function residentMiB(pid: number, excluding?: RegExp): number {
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1) {
    try {
      const children = readFileSync(`/proc/${tree[i]}/task/${tree[i]}/children`, 'utf8');
      tree.push(
        ...children
          .split(' ')
          .filter(Boolean)
          .map(Number)
          .filter((child) => !excluding?.test(commandLine(child))),
      );
    } catch {
      // Gone meanwhile.
    }
  }
  let kib = 0;
  for (const id of tree) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return kib / 1024;
}

/** A process's command line, its arguments joined by spaces ('' once it is gone). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** The children of a process whose command line matches `pattern`. */
export function childrenMatching(pid: number, pattern: RegExp): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number)
      .filter((child) => pattern.test(commandLine(child)));
  } catch {
    return [];
  }
}
