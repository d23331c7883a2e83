import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeExit, exited, firstLine, hasExited, RestartBudget, stopChild } from './supervisor';

describe('RestartBudget', () => {
  it('allows max restarts within the window, then refuses', () => {
    const budget = new RestartBudget(3, 60_000);
    expect([0, 1_000, 2_000].map((t) => budget.take(t))).toEqual([true, true, true]);
    expect(budget.take(3_000)).toBe(false);
  });

  it('forgets restarts older than the window', () => {
    const budget = new RestartBudget(2, 60_000);
    budget.take(0);
    budget.take(10_000);
    expect(budget.take(59_999)).toBe(false);
    expect(budget.take(60_000)).toBe(true);
    expect(budget.take(69_999)).toBe(false);
    expect(budget.take(70_000)).toBe(true);
  });
});

describe('child processes', () => {
  const sleeper = (script = 'setInterval(() => {}, 1000)') =>
    spawn(process.execPath, ['-e', script], { stdio: 'ignore' });

  it('knows that a child killed by a signal has ended (its exitCode stays null)', async () => {
    const child = sleeper();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(child.exitCode).toBeNull();
    expect(hasExited(child)).toBe(true);
    // Waiting for an ended child resolves at once instead of waiting for an 'exit' already past.
    await exited(child);
    await stopChild(child, 10);
    expect(describeExit(child.exitCode, child.signalCode)).toBe('was killed by SIGKILL');
  });

  it('kills a child that ignores SIGTERM once the grace period is over', async () => {
    const child = sleeper("process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stopChild(child, 500);
    expect(child.signalCode).toBe('SIGKILL');
  });

  it('describes an exit code', () => {
    expect(describeExit(1, null)).toBe('exited with code 1');
  });
});

it('keeps the first line of an error message', () => {
  expect(firstLine(new Error('\npg_ctl stop failed: gone\nmore\n'))).toBe(
    'pg_ctl stop failed: gone',
  );
  expect(firstLine('plain')).toBe('plain');
});
