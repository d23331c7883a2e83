'use client';

import type { CheckResult, CheckTarget } from '@/lib/content/checks';

/** The automated checks, live: each failed one says what is wrong and leads to the place. */
export function ChecksPanel({
  checks,
  onGoTo,
}: {
  checks: CheckResult[];
  onGoTo: (target: CheckTarget) => void;
}) {
  const failed = checks.filter((c) => !c.passed).length;
  return (
    <section className="panel checks-panel" aria-labelledby="checks-heading">
      <h2 id="checks-heading">
        Checks{' '}
        <span className={failed ? 'badge warn' : 'badge ok'}>
          {failed ? `${failed} to fix` : 'all pass'}
        </span>
      </h2>
      <ul className="check-list">
        {checks.map((check) => (
          <li key={check.id} className={check.passed ? 'check passed' : 'check failed'}>
            <span aria-hidden="true">{check.passed ? '✓' : '✗'}</span>{' '}
            {check.passed ? (
              <span>{check.label}</span>
            ) : (
              <button type="button" className="link-button" onClick={() => onGoTo(check.target)}>
                {check.label}
              </button>
            )}
            <span className="visually-hidden">{check.passed ? ' (passes)' : ' (fails)'}</span>
            {!check.passed && check.details.length > 0 && (
              <ul className="check-details">
                {check.details.slice(0, 5).map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
                {check.details.length > 5 && <li>and {check.details.length - 5} more</li>}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
