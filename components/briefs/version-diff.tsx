import type { VersionComparison } from '@/lib/content/diff';
import { displaySafeUrl } from '@/lib/content/safe-text';

const partNames: Record<string, string> = {
  summary: 'Executive summary',
  body: 'Body',
  limitations: 'Limitations',
};

/** A readable comparison of two versions: text changes inline, then citations and sources. */
export function VersionDiff({ comparison }: { comparison: VersionComparison }) {
  const changedParts = comparison.parts.filter((p) => p.changed);
  const { citations, sources } = comparison;
  const citationChanges =
    citations.added.length + citations.removed.length + citations.repointed.length;
  const sourceChanges = sources.added.length + sources.removed.length + sources.changed.length;
  if (changedParts.length === 0 && citationChanges === 0 && sourceChanges === 0) {
    return <p>No differences.</p>;
  }
  return (
    <div className="diff">
      {changedParts.map((part) => (
        <section key={part.part} className="diff-part">
          <h3>{part.label}</h3>
          <p className="diff-text">
            {part.changes.map((change, index) => {
              const key = `${index}-${change.added ? 'a' : change.removed ? 'r' : 's'}`;
              if (change.added) return <ins key={key}>{change.value}</ins>;
              if (change.removed) return <del key={key}>{change.value}</del>;
              return <span key={key}>{change.value}</span>;
            })}
          </p>
        </section>
      ))}
      {citationChanges > 0 && (
        <section className="diff-part">
          <h3>Citations</h3>
          <ul>
            {citations.added.map((c) => (
              <li key={`a-${c.citationId}`}>
                Added in {partNames[c.part]}: {c.source}
              </li>
            ))}
            {citations.removed.map((c) => (
              <li key={`r-${c.citationId}`}>
                Removed from {partNames[c.part]}: {c.source}
              </li>
            ))}
            {citations.repointed.map((c) => (
              <li key={`p-${c.citationId}`}>
                In {partNames[c.part]}, now cites {c.to} instead of {c.from}
              </li>
            ))}
          </ul>
        </section>
      )}
      {sourceChanges > 0 && (
        <section className="diff-part">
          <h3>Sources</h3>
          <ul>
            {sources.added.map((s) => (
              <li key={`a-${s.id}`}>Added: {s.title || displaySafeUrl(s.url)}</li>
            ))}
            {sources.removed.map((s) => (
              <li key={`r-${s.id}`}>Removed: {s.title || displaySafeUrl(s.url)}</li>
            ))}
            {sources.changed.map((s) => (
              <li key={`c-${s.id}`}>
                Changed: {s.title}
                <ul>
                  {s.fields.map((f) => (
                    <li key={f.field}>
                      {f.field}: <del>{f.from || '(empty)'}</del> → <ins>{f.to || '(empty)'}</ins>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
