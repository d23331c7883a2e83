import Link from 'next/link';
import {
  type DuplicateQuestion,
  duplicateHeadings,
  duplicateStanding,
} from '@/lib/desk/duplicate-questions';
import './duplicate-questions.css';

/**
 * Other briefs asking the question, each a link to its editor with where it stands: those
 * asking the same question first, then similar ones. Nothing when there are none.
 */
export function DuplicateList({ matches }: { matches: readonly DuplicateQuestion[] }) {
  return (['same', 'similar'] as const).map((kind) => {
    const ofKind = matches.filter((match) => match.kind === kind);
    if (ofKind.length === 0) return null;
    return (
      <div key={kind} className="duplicate-group">
        <p className="duplicate-heading">{duplicateHeadings[kind]}</p>
        <ul className="duplicate-list">
          {ofKind.map((match) => (
            <li key={match.id}>
              {/* The full question on hover: a long one is cut short to keep to one line. */}
              <Link href={`/desk/briefs/${match.id}`} title={match.question} prefetch={false}>
                {match.question}
              </Link>{' '}
              <span className="duplicate-standing">({duplicateStanding(match)})</span>
            </li>
          ))}
        </ul>
      </div>
    );
  });
}
