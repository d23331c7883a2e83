import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type postgres from 'postgres';

/**
 * More instances of the production server (scripts/server.ts, on the build the suite made) on the
 * e2e database, beside the one Playwright starts; and a TCP proxy in front of Postgres that a
 * test can cut, so that one instance loses its database while the shared server keeps running.
 */

const root = path.resolve(__dirname, '..');
const started = new Set<ChildProcess>();
// Last resort, should a test end without stopping what it started (a killed worker still leaks).
process.on('exit', () => {
  for (const child of started) child.kill('SIGKILL');
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Instance {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts scripts/server.ts on a free port (with `env` added) and waits until it answers. */
export async function startInstance(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NODE_ENV: 'production',
      AUTH_SECRET: 'e2e-extra-instance-secret-0123456789abcdef',
      AUTH_TRUST_HOST: 'true',
      AUTH_URL: `${url}/api/auth`,
      FACTDESK_BASE_URL: url,
      FACTDESK_TIMEZONE: '',
      NEXT_TELEMETRY_DISABLED: '1',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  started.add(child);
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors = `${errors}${chunk}`.slice(-4000);
  });
  const stop = async () => {
    started.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The instance on ${url} exited:\n${errors}`);
    try {
      const response = await fetch(`${url}/robots.txt`);
      await response.arrayBuffer();
      if (response.ok) return { url, pid: child.pid!, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The instance on ${url} did not answer within 120 s:\n${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface TcpProxy {
  port: number;
  /** Closes every open connection and refuses new ones, as a lost network would. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 to `host:port`. */
export async function tcpProxy(host: string, port: number): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(port, host);
    const pair = [client, upstream];
    for (const socket of pair) {
      open.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        for (const other of pair) {
          other.destroy();
          open.delete(other);
        }
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      cut = false;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Publishes a copy of a published brief under another question, slug and checked-on day, straight
 * in the database (no publication event: the instances that are running do not hear of it).
 */
export async function copyPublishedBrief(
  sql: postgres.Sql,
  templateId: string,
  copy: { question: string; slug: string; checkedOn: string },
): Promise<void> {
  await sql.begin(async (tx) => {
    const [brief] = await tx<{ id: string }[]>`
      insert into briefs (created_by, question, state, revision)
      select created_by, ${copy.question}, 'approved', 1 from briefs where id = ${templateId}
      returning id`;
    const [version] = await tx<{ id: string }[]>`
      insert into brief_versions
        (brief_id, number, kind, author_id, contributor_ids, content, content_hash, frozen)
      select ${brief!.id}, 1, 'save', v.author_id, v.contributor_ids,
             jsonb_set(v.content, '{question}', to_jsonb(${copy.question}::text)),
             md5(${copy.question}), true
      from briefs t join brief_versions v on v.id = t.published_version_id
      where t.id = ${templateId}
      returning id`;
    await tx`
      update briefs set
        head_version_id = ${version!.id}, head_number = 1,
        published_version_id = ${version!.id}, published = true, slug = ${copy.slug},
        published_question = ${copy.question}, published_checked_on = ${copy.checkedOn},
        first_published_at = now(), search_text = ${copy.question},
        search_document = to_tsvector('english', ${copy.question})
      where id = ${brief!.id}`;
  });
}

/**
 * Waits until `check` passes. It may fail while the change travels, but not once `withinMs` have
 * passed since `since`: the first attempt that starts after that must pass (how long an answer
 * takes to arrive is not counted, only how stale it is).
 */
export async function expectFreshWithin(
  since: number,
  withinMs: number,
  check: () => Promise<void>,
): Promise<void> {
  for (;;) {
    const attemptStarted = Date.now();
    try {
      await check();
      return;
    } catch (error) {
      if (attemptStarted - since > withinMs) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`Still stale ${attemptStarted - since} ms after the change: ${message}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The command lines of a process's children (Linux: /proc). */
export function childCommands(pid: number): string[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return children
    ? children.split(/\s+/).map((child) => {
        try {
          return readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ');
        } catch {
          return '';
        }
      })
    : [];
}
