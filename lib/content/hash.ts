import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export function contentHash(document: unknown): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}
