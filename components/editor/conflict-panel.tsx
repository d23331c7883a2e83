'use client';

import { useMemo, useState } from 'react';
import { VersionDiff } from '@/components/briefs/version-diff';
import { compareVersions } from '@/lib/content/diff';
import type { BriefDocument } from '@/lib/content/document';
import { numberedSources } from '@/lib/content/numbered-sources';
import { richTextToPlain } from '@/lib/content/plain-text';
import { displaySafeUrl } from '@/lib/content/safe-text';
import type { Conflict } from './use-save-queue';

function asPlainText(document: BriefDocument): string {
  const { numbers, cited } = numberedSources(document);
  const sources = cited.map((s) => `[${numbers.get(s.id)}] ${s.title} — ${displaySafeUrl(s.url)}`);
  return [
    document.question,
    richTextToPlain(document.summary, numbers),
    richTextToPlain(document.body, numbers),
    richTextToPlain(document.limitations, numbers),
    sources.join('\n'),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Someone else saved first: show who and what, keep both, let the person choose. */
export function ConflictPanel({
  conflict,
  mine,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: Conflict;
  mine: BriefDocument;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const comparison = useMemo(
    () => compareVersions(conflict.document, mine),
    [conflict.document, mine],
  );
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const mineText = useMemo(() => asPlainText(mine), [mine]);
  return (
    <section className="banner conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">
        {conflict.head.authorName} saved version {conflict.head.number} at{' '}
        {new Date(conflict.head.savedAt).toLocaleTimeString('en-US', { timeStyle: 'short' })} while
        you were editing
      </h2>
      <p>
        Nothing was overwritten. Below is what your copy changes compared with theirs (
        <del>theirs</del>, <ins>yours</ins>). Your text is also kept on this device until you
        choose.
      </p>
      <VersionDiff comparison={comparison} />
      <div className="row">
        <button type="button" className="button primary" onClick={onKeepMine}>
          Keep mine as a new version
        </button>
        <button type="button" className="button" onClick={onTakeTheirs}>
          Take theirs
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            navigator.clipboard.writeText(mineText).then(
              () => setCopied('yes'),
              () => setCopied('failed'),
            )
          }
        >
          Copy mine
        </button>
      </div>
      {copied === 'yes' && <p role="status">Your text is on the clipboard.</p>}
      {copied === 'failed' && (
        <div className="field">
          <label htmlFor="conflict-copy">Your text (select and copy it)</label>
          <textarea id="conflict-copy" readOnly rows={8} value={mineText} />
        </div>
      )}
    </section>
  );
}
