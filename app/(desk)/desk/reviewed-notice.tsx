import Link from 'next/link';
import { getBriefHeadline } from '@/lib/desk/list';
import type { Actor } from '@/lib/policy/policy';

/** After `Approve` or `Request changes` the reviewer is back at the queue: this says what was done. */
export async function ReviewedNotice({
  actor,
  briefId,
  outcome,
}: {
  actor: Actor;
  briefId: string;
  outcome: 'approved' | 'changes_requested';
}) {
  const brief = await getBriefHeadline(actor, briefId);
  if (!brief) return null;
  const question = `“${brief.question || 'Untitled brief'}”`;
  return (
    <div className="banner" role="status">
      <p>
        {outcome === 'approved'
          ? `You approved ${question}.`
          : `You sent ${question} back with your requested changes.`}{' '}
        <Link href={`/desk/briefs/${briefId}`}>
          {outcome === 'approved' ? 'Open it to publish' : 'Open the brief'}
        </Link>
      </p>
    </div>
  );
}
