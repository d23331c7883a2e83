import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

export interface PortHolder {
  pid: number;
  command: string;
}

/**
 * Refuses to start over a process that already listens on `port` (typically a server left
 * running by a launcher that was killed): the new server could not listen, and the old one
 * would go on answering on its own. The message says which process it is and what to do.
 */
export async function assertPortFree(port: number): Promise<void> {
  if (await canListen(port)) return;
  const holder = findListeningProcess(port);
  const who = holder
    ? `process ${holder.pid} (${holder.command})`
    : `another process (\`ss -ltnp 'sport = :${port}'\` shows which)`;
  const stop = holder ? `stop it (\`kill ${holder.pid}\`)` : 'stop it';
  throw new Error(
    `Port ${port} is already in use by ${who}. If that is a Factdesk server left running, ` +
      `${stop} and start again; otherwise set PORT to a free port.`,
  );
}

/** Listens on the port as the server does (every address), and closes again. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
    );
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/**
 * The process that listens on a TCP port, from Linux's /proc; undefined where /proc is missing
 * or the process belongs to a user whose file descriptors this one may not read.
 */
export function findListeningProcess(port: number): PortHolder | undefined {
  const inodes = new Set(
    ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) => listeningInodes(file, port)),
  );
  if (!inodes.size) return undefined;
  for (const entry of safeReaddir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    for (const fd of safeReaddir(`/proc/${pid}/fd`)) {
      const target = safeReadlink(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target ?? '')?.[1];
      if (inode && inodes.has(inode)) return { pid, command: commandLine(pid) };
    }
  }
  return undefined;
}

/** Inodes of the sockets listening on `port` in a /proc/net/tcp-style table. */
function listeningInodes(file: string, port: number): string[] {
  let table: string;
  try {
    table = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const LISTEN = '0A';
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter(([, local, , state]) => state === LISTEN && local?.endsWith(`:${hexPort(port)}`))
    .map((columns) => columns[9]!);
}

function hexPort(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, '0');
}

function commandLine(pid: number): string {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return command.length > 120 ? `${command.slice(0, 117)}…` : command;
  } catch {
    return 'unknown command';
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeReadlink(file: string): string | undefined {
  try {
    return readlinkSync(file);
  } catch {
    return undefined;
  }
}
