import { describe, expect, it } from 'vitest';
import {
  type BriefAtPublication,
  describeDelay,
  publishAtProblem,
  type ScheduledPublication,
  whyNoLongerStands,
} from './rules';

const now = new Date('2026-05-01T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('the time of a scheduled publication', () => {
  it('must be in the future, within a year', () => {
    expect(publishAtProblem(later(1000), now)).toBeNull();
    expect(publishAtProblem(later(366 * 86_400_000), now)).toBeNull();
    expect(publishAtProblem(now, now)).toBe('Choose a time in the future.');
    expect(publishAtProblem(later(-60_000), now)).toBe('Choose a time in the future.');
    expect(publishAtProblem(later(366 * 86_400_000 + 1), now)).toBe('Choose a time within a year.');
  });
});

describe('whether the approval a publication was scheduled under still stands', () => {
  const schedule: ScheduledPublication = {
    versionId: 'v3',
    versionNumber: 3,
    approvalId: 'a1',
    publicVersionId: 'v1',
  };
  const standing: BriefAtPublication = {
    state: 'approved',
    approvalId: 'a1',
    published: true,
    publishedVersionId: 'v1',
    approval: { versionId: 'v3', contentHash: 'h3' },
    versionContentHash: 'h3',
  };

  it('stands when nothing changed', () => {
    expect(whyNoLongerStands(schedule, standing)).toBeNull();
    expect(
      whyNoLongerStands(
        { ...schedule, publicVersionId: null },
        { ...standing, published: false, publishedVersionId: null },
      ),
    ).toBeNull();
    // Unpublished already when it was scheduled (an admin's schedule, with a note): it stands.
    expect(
      whyNoLongerStands({ ...schedule, publicVersionId: null }, { ...standing, published: false }),
    ).toBeNull();
  });

  it('falls with an edit, a newer approval or a different content', () => {
    expect(whyNoLongerStands(schedule, { ...standing, state: 'draft' })).toBe(
      'The brief was edited after version 3 was approved, which withdrew the approval.',
    );
    expect(whyNoLongerStands(schedule, { ...standing, state: 'in_review' })).toMatch(/edited/);
    expect(whyNoLongerStands(schedule, { ...standing, approvalId: 'a2' })).toBe(
      'The approval of version 3 was replaced by a newer one.',
    );
    expect(
      whyNoLongerStands(schedule, { ...standing, approval: { versionId: 'v3', contentHash: 'x' } }),
    ).toBe('The approval no longer matches version 3.');
    expect(whyNoLongerStands(schedule, { ...standing, approval: null })).toBe(
      'The approval no longer matches version 3.',
    );
  });

  it('falls when the public page changed meanwhile', () => {
    expect(whyNoLongerStands(schedule, { ...standing, published: false })).toBe(
      'The brief was unpublished after the publication was scheduled.',
    );
    expect(whyNoLongerStands(schedule, { ...standing, publishedVersionId: 'v3' })).toBe(
      'Version 3 was published meanwhile.',
    );
    expect(whyNoLongerStands(schedule, { ...standing, publishedVersionId: 'v2' })).toBe(
      'Another version was published after the publication was scheduled.',
    );
  });
});

describe('a delay in words', () => {
  it('reads at the scale that matters', () => {
    expect(describeDelay(0)).toBe('0 s');
    expect(describeDelay(59.9)).toBe('59 s');
    expect(describeDelay(125)).toBe('2 min 5 s');
    expect(describeDelay(3600 * 2 + 60 * 3 + 9)).toBe('2 h 3 min');
    expect(describeDelay(86_400 * 2 + 3600 * 4)).toBe('2 d 4 h');
  });
});
