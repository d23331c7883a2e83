import { describe, expect, it } from 'vitest';
import {
  defaultRatingScale,
  ratingLevelOf,
  ratingScaleSchema,
  ratingValueOf,
} from './rating-scale';

describe('rating scale', () => {
  it('accepts the default scale', () => {
    expect(ratingScaleSchema.parse(defaultRatingScale)).toEqual(defaultRatingScale);
  });

  it('rates the best level highest and the worst 1', () => {
    expect(ratingValueOf(defaultRatingScale, 'True')).toEqual({
      ratingValue: 6,
      bestRating: 6,
      worstRating: 1,
      alternateName: 'True',
    });
    expect(ratingValueOf(defaultRatingScale, 'mostly false ')?.ratingValue).toBe(3);
    expect(ratingValueOf(defaultRatingScale, 'Pants on fire')).toBeNull();
    expect(ratingLevelOf(defaultRatingScale, 'MIXED')?.label).toBe('Mixed');
  });

  it('refuses a label twice, an empty label, one level, control characters and unknown keys', () => {
    const twice = ratingScaleSchema.safeParse([
      { label: 'True', explanation: '' },
      { label: ' true', explanation: '' },
    ]);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.path).toEqual([1, 'label']);
    expect(ratingScaleSchema.safeParse([{ label: 'True', explanation: '' }]).success).toBe(false);
    expect(
      ratingScaleSchema.safeParse([
        { label: '', explanation: '' },
        { label: 'False', explanation: '' },
      ]).success,
    ).toBe(false);
    expect(
      ratingScaleSchema.safeParse([
        { label: 'Tr\u0007ue', explanation: '' },
        { label: 'False', explanation: '' },
      ]).success,
    ).toBe(false);
    expect(
      ratingScaleSchema.safeParse([
        { label: 'True', explanation: '', color: 'green' },
        { label: 'False', explanation: '' },
      ]).success,
    ).toBe(false);
  });
});
