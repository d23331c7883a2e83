import { describe, expect, it } from 'vitest';
import { databaseTrouble } from './errors';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('databaseTrouble', () => {
  it('recognises a database that refuses writes', () => {
    expect(databaseTrouble(withCode('25006'))).toBe('read-only');
  });

  it('recognises a database that cannot be reached or is going away', () => {
    for (const code of ['ECONNREFUSED', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '08006']) {
      expect(databaseTrouble(withCode(code))).toBe('unavailable');
    }
  });

  it('looks through wrapping errors (Drizzle’s query error, Node’s AggregateError)', () => {
    const wrapped = new Error('Failed query: insert …', { cause: withCode('25006') });
    expect(databaseTrouble(wrapped)).toBe('read-only');
    const aggregate = new AggregateError([withCode('ECONNREFUSED')], 'connect failed');
    expect(databaseTrouble(new Error('query', { cause: aggregate }))).toBe('unavailable');
    const authJs = new Error('callback', { cause: { err: withCode('CONNECTION_CLOSED') } });
    expect(databaseTrouble(authJs)).toBe('unavailable');
  });

  it('leaves every other error alone', () => {
    expect(databaseTrouble(withCode('23505'))).toBeNull();
    expect(databaseTrouble(new Error('boom'))).toBeNull();
    expect(databaseTrouble(undefined)).toBeNull();
    const loop: { code?: string; cause?: unknown } = {};
    loop.cause = loop;
    expect(databaseTrouble(loop)).toBeNull();
  });
});
