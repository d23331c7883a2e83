import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './safe-redirect';

describe('safeReturnPath', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeReturnPath('/desk/users?x=1')).toBe('/desk/users?x=1');
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example/'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    ['/desk\n'],
    [undefined],
    [42],
  ])('falls back to /desk for %j', (value) => {
    expect(safeReturnPath(value)).toBe('/desk');
  });
});
