import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Scripts run through npm, whose working directory is the project root.
export const projectRoot = process.cwd();
export const dataDir = path.join(projectRoot, '.data');

/**
 * Creates `.data/` if needed. Others may traverse it but not list it: the embedded Postgres may
 * run as another OS user and must reach its folder inside; the secrets file itself is 0600.
 */
export function ensureDataDir(): string {
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o711);
  return dataDir;
}

export interface LocalSecrets {
  /** Password of the embedded Postgres superuser. */
  postgresPassword: string;
  /** Signs session cookies when AUTH_SECRET is not set. */
  authSecret: string;
}

/** Secrets of this installation, generated on first use and kept in `.data/secrets.json`. */
export function readLocalSecrets(): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    postgresPassword: randomBytes(24).toString('base64url'),
    authSecret: randomBytes(32).toString('base64url'),
  };
  ensureDataDir();
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return secrets;
}
