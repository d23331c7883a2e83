import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  approveSchema,
  correctionSchema,
  publishSchema,
  recheckSchema,
  requestChangesSchema,
  unpublishSchema,
} from './schemas';

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
    expect(parsed).toEqual({
      briefId,
      versionNumber: 3,
      verifiedSourceIds: ['a', 'b'],
      seenCaptures: {},
    });
    expect(recheckSchema.parse({ briefId, checkedOn: '1999-01-01' })).toEqual({
      briefId,
      verifiedSourceIds: [],
      seenCaptures: {},
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

  it('refuses control characters in every text of the workflow forms, naming the field', () => {
    const nul = 'a control character (U+0000)';
    const cases: [z.ZodType, Record<string, unknown>, string, string][] = [
      [
        requestChangesSchema,
        { versionNumber: 1, comment: 'Fix \u0000' },
        'comment',
        `The comment contains ${nul}`,
      ],
      [
        publishSchema,
        { versionNumber: 1, change: 'update', note: '\u0000' },
        'note',
        `The note contains ${nul}`,
      ],
      [
        unpublishSchema,
        { reason: 'Gone\u0002' },
        'reason',
        'The reason contains a control character (U+0002)',
      ],
      [
        unpublishSchema,
        { reason: 'Legal review', notice: 'Withdrawn\u0007' },
        'notice',
        'The notice for readers contains a control character (U+0007)',
      ],
      [
        correctionSchema,
        { kind: 'correction', note: 'x\ud800' },
        'note',
        'The note contains an unpaired surrogate (U+D800)',
      ],
    ];
    for (const [schema, input, field, message] of cases) {
      const result = schema.safeParse({ briefId, ...input });
      expect(result.success).toBe(false);
      expect(z.flattenError(result.error!).fieldErrors).toEqual({
        [field]: [`${message}, which cannot be saved. Remove it and try again.`],
      });
    }
  });

  it('takes an optional notice for readers on unpublish, bounded', () => {
    expect(unpublishSchema.parse({ briefId, reason: 'Legal review' }).notice).toBe('');
    expect(
      unpublishSchema.parse({ briefId, reason: 'Legal review', notice: '  A source withdrew.  ' })
        .notice,
    ).toBe('A source withdrew.');
    const long = unpublishSchema.safeParse({ briefId, reason: 'Legal', notice: 'x'.repeat(1001) });
    expect(long.success).toBe(false);
    expect(z.flattenError(long.error!).fieldErrors).toEqual({
      notice: ['At most 1,000 characters.'],
    });
  });

  it('refuses a version number Postgres cannot hold', () => {
    const result = approveSchema.safeParse({ briefId, versionNumber: '2147483648' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['versionNumber']);
  });

  it('needs a comment to request changes', () => {
    const result = requestChangesSchema.safeParse({ briefId, versionNumber: 1, comment: '   ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Say what needs to change.');
  });
});
