import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Argon2id with OWASP's recommended parameters (m=19 MiB, t=2, p=1); 2 = Algorithm.Argon2id.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash of a random password: verifying against it when an email is unknown costs the same
// time as a real check, so response times do not reveal which emails exist.
let timingDecoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  timingDecoy ??= hashPassword(generatePassword());
  await verifyPassword(await timingDecoy, password);
  return false;
}

// No look-alike characters (0/O, 1/l/I), so a password read off a screen can be typed.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password of four groups of five characters (~117 bits), e.g. `k7Pqz-…`. */
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}
