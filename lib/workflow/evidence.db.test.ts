import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { approvals } from '@/db/schema';
import { briefInReview, completeDocument, publishedBrief } from '@/lib/policy/test-briefs';
import { recheckBrief } from '@/lib/publication/mutations';
import { storeCapture } from '@/lib/sources/test-captures';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief } from './mutations';

describe('an approval binds the evidence the reviewer had', () => {
  it("keeps each verified source's captured content hash, or null without a capture of its address", async () => {
    const fixture = await briefInReview();
    const [a, b] = completeDocument().sources;
    const seen = await storeCapture(fixture.id, 'a', a!.url, '<p>Page A</p>');
    // A capture of an address the version no longer cites says nothing of it.
    await storeCapture(fixture.id, 'b', 'https://example.org/elsewhere', '<p>Elsewhere</p>');
    const reviewer = await createTestPerson('reviewer');
    await approveBrief(reviewer, fixture.id, {
      versionNumber: fixture.version.number,
      verifiedSourceIds: ['a', 'b'],
    });
    const [approval] = await getDb()
      .select()
      .from(approvals)
      .where(eq(approvals.briefId, fixture.id));
    expect(approval?.verifiedCaptures).toEqual({ a: seen, b: null });
    expect(b?.url).not.toBe('https://example.org/elsewhere');
  });

  it('a re-check binds what it saw too, a failed capture as none', async () => {
    const fixture = await publishedBrief();
    const [a, b] = completeDocument().sources;
    await storeCapture(fixture.id, 'a', a!.url, null);
    const seen = await storeCapture(fixture.id, 'b', b!.url, '<p>Page B, later</p>');
    const reviewer = await createTestPerson('reviewer');
    await recheckBrief(reviewer, fixture.id, { verifiedSourceIds: ['a', 'b'] });
    const rows = await getDb().select().from(approvals).where(eq(approvals.briefId, fixture.id));
    expect(rows.find((row) => row.kind === 'recheck')?.verifiedCaptures).toEqual({
      a: null,
      b: seen,
    });
  });

  it('refuses an approval when a page was captured again after the review screen showed it', async () => {
    const fixture = await briefInReview();
    const [a] = completeDocument().sources;
    const shown = await storeCapture(fixture.id, 'a', a!.url, '<p>As shown</p>');
    const reviewer = await createTestPerson('reviewer');
    const approve = (seenCaptures: Record<string, string | null>) =>
      approveBrief(reviewer, fixture.id, {
        versionNumber: fixture.version.number,
        verifiedSourceIds: ['a', 'b'],
        seenCaptures,
      });
    await storeCapture(fixture.id, 'a', a!.url, '<p>Changed since</p>');
    await expect(approve({ a: shown, b: null })).rejects.toThrow(
      'The page of source [1] was captured again since this screen was opened',
    );
    const now = await storeCapture(fixture.id, 'a', a!.url, '<p>Changed since</p>');
    await approve({ a: now, b: null });
    const [approval] = await getDb()
      .select()
      .from(approvals)
      .where(eq(approvals.briefId, fixture.id));
    expect(approval?.verifiedCaptures).toEqual({ a: now, b: null });
  });
});
