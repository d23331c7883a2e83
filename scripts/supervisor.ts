import type { ChildProcess } from 'node:child_process';

/**
 * How often something that crashed may be started again: at most `max` times within any
 * `windowMs`. Past that it is crashing for a reason that a restart will not fix.
 */
export class RestartBudget {
  private readonly restarts: number[] = [];

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Counts a restart at `now` and says whether it is allowed. */
  take(now: number): boolean {
    while (this.restarts.length && now - this.restarts[0]! >= this.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.max) return false;
    this.restarts.push(now);
    return true;
  }
}

/** "exited with code 1" or "was killed by SIGKILL", for messages about a child process. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

/**
 * Whether a child process has ended. `exitCode` alone is not enough: it stays null for a child
 * killed by a signal (the launcher once waited forever for such a child's 'exit').
 */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once the child has ended (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Asks a child to stop (SIGTERM), kills it after `graceMs`, and resolves once it has ended. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (hasExited(child)) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/** The first line of an error's message: enough to say what failed, without a stack trace. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split('\n')[0] ?? message;
}
