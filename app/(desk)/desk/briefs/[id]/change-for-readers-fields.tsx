'use client';

import { useState } from 'react';

/**
 * What a new version of a published brief changes for readers (a correction, clarification or
 * update with its public note, or a typo fix without one): asked by `Publish` and by `Schedule
 * publication`, in the same words. `idPrefix` keeps the two forms' ids apart on one page.
 */
export function ChangeForReadersFields({
  idPrefix,
  change: initialChange,
  note,
  noteErrors,
}: {
  idPrefix: string;
  change?: string;
  note?: string;
  noteErrors?: string[];
}) {
  const [change, setChange] = useState(initialChange ?? 'update');
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-change`}>What changed for readers</label>
        <select
          id={`${idPrefix}-change`}
          name="change"
          value={change}
          onChange={(e) => setChange(e.target.value)}
        >
          <option value="correction">Correction</option>
          <option value="clarification">Clarification</option>
          <option value="update">Update</option>
          <option value="typo">Typo fix (no public note)</option>
        </select>
      </div>
      {change !== 'typo' && (
        <div className="field">
          <label htmlFor={`${idPrefix}-note`}>Note for readers</label>
          <textarea id={`${idPrefix}-note`} name="note" rows={3} defaultValue={note} />
          {noteErrors && <p className="field-error">{noteErrors.join(' ')}</p>}
        </div>
      )}
    </>
  );
}
