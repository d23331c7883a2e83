import type { SeededAccount } from './seed';

/**
 * The box with the demo accounts of a new installation. The launcher prints it after seeding
 * and once more when the server is ready, because the build output scrolls the first one away.
 * The passwords exist only in this output: they are never written to disk.
 */
export function formatAccounts(accounts: readonly SeededAccount[], heading: string): string {
  const lines = accounts.map((a) => `  ${a.role.padEnd(9)} ${a.email.padEnd(24)} ${a.password}`);
  return ['', `┌ ${heading}`, ...lines, '└', ''].join('\n');
}
