import { describe, expect, it } from 'vitest';
import { formatAccounts } from './accounts-box';

describe('formatAccounts', () => {
  it('lists every account with its role, email and password under the heading', () => {
    const box = formatAccounts(
      [
        { role: 'admin', email: 'admin@example.org', password: 'aaaaa-bbbbb' },
        { role: 'reviewer', email: 'reviewer@example.org', password: 'ccccc-ddddd' },
      ],
      'Demo accounts:',
    );
    expect(box.split('\n')).toEqual([
      '',
      '┌ Demo accounts:',
      '  admin     admin@example.org        aaaaa-bbbbb',
      '  reviewer  reviewer@example.org     ccccc-ddddd',
      '└',
      '',
    ]);
  });
});
