import { describe, expect, it } from 'vitest';
import { isVersionNumber, MAX_VERSION_NUMBER, versionNumberSchema } from './version-number';

describe('version numbers', () => {
  it.each(['1', '42', String(MAX_VERSION_NUMBER), 7])('accepts %j', (value) => {
    expect(versionNumberSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    String(MAX_VERSION_NUMBER + 1),
    '99999999999999999999',
    '1e30',
    '0',
    '-1',
    '1.5',
    'abc',
    '',
  ])('refuses %j (Postgres integer cannot hold it, or it is no number)', (value) => {
    expect(versionNumberSchema.safeParse(value).success).toBe(false);
  });

  it('says whether a number can be a version', () => {
    expect(isVersionNumber(MAX_VERSION_NUMBER)).toBe(true);
    expect(isVersionNumber(MAX_VERSION_NUMBER + 1)).toBe(false);
    expect(isVersionNumber(Number.NaN)).toBe(false);
  });
});
