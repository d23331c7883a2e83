'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleFormState } from '@/lib/form-state';
import type { ReaderReportStatus } from '@/lib/reports/schemas';
import { setReportStatusAction } from './actions';

/** The buttons that move one report on (each names the status it leads to), with a note. */
export function ReportStatusForm({
  reportId,
  moves,
}: {
  reportId: string;
  moves: { label: string; to: ReaderReportStatus }[];
}) {
  const [state, action] = useActionState(setReportStatusAction, idleFormState);
  const noteId = `report-${reportId}-note`;
  return (
    <form action={action} key={state.answeredAt} className="report-status-form">
      <input type="hidden" name="reportId" value={reportId} />
      <div className="field">
        <label htmlFor={noteId}>Note (optional)</label>
        <textarea
          id={noteId}
          name="note"
          rows={2}
          maxLength={1000}
          defaultValue={state.values?.note}
        />
        {state.fieldErrors?.note && (
          <p className="field-error">{state.fieldErrors.note.join(' ')}</p>
        )}
      </div>
      <div className="row-actions">
        {moves.map((move) => (
          <SubmitButton
            key={move.to}
            name="status"
            value={move.to}
            className={move.to === 'dismissed' ? 'button' : 'button primary'}
          >
            {move.label}
          </SubmitButton>
        ))}
      </div>
      <FormMessage state={state} />
    </form>
  );
}
