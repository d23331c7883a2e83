import { describe, expect, it } from 'vitest';
import { approveSchema, publishSchema, recheckSchema, requestChangesSchema } from './schemas';

const briefId = '00000000-0000-4000-8000-000000000001';

describe('workflow input', () => {
  it('ignores any date or state a client sends', () => {
    const parsed = approveSchema.parse({
      briefId,
      versionNumber: '3',
      verifiedSourceIds: 'a,b',
      checkedOn: '1999-01-01',
      state: 'approved',
      approvedBy: 'someone-else',
    });
    expect(parsed).toEqual({ briefId, versionNumber: 3, verifiedSourceIds: ['a', 'b'] });
    expect(recheckSchema.parse({ briefId, checkedOn: '1999-01-01' })).toEqual({
      briefId,
      verifiedSourceIds: [],
    });
    expect(
      publishSchema.parse({ briefId, versionNumber: 2, publishedCheckedOn: '1999-01-01' }),
    ).toEqual({
      briefId,
      versionNumber: 2,
      change: 'none',
      note: '',
    });
  });

  it('needs a comment to request changes', () => {
    const result = requestChangesSchema.safeParse({ briefId, versionNumber: 1, comment: '   ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Say what needs to change.');
  });
});
