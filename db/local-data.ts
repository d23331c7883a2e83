import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Scripts run through npm, whose working directory is the project root.
export const projectRoot = process.cwd();
export const dataDir = path.join(projectRoot, '.data');

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
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return secrets;
}
