'use client';

import { unstable_rethrow } from 'next/navigation';
import { type ChangeEvent, useActionState, useId, useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { BriefView } from '@/components/briefs/brief-view';
import { DuplicateList } from '@/components/briefs/duplicate-questions';
import { FormMessage } from '@/components/ui/form-message';
import { checkImportText, decodeImportFile } from '@/lib/import/input';
import type { ImportReport } from '@/lib/import/parse';
import { importCounts } from '@/lib/import/summary';
import { createImportAction, previewImportAction } from './actions';
import type { ImportFormState } from './import-state';

const idle: ImportFormState = { status: 'idle' };

/**
 * Sends the text to the action the button asks for. The form's state (the whole preview) is
 * never sent back: each action gets only the form, so creating a draft costs what the text
 * weighs. A text over the limit is refused here, before it is sent; an answer that is not the
 * action's (a refusal by the server in front of it, a lost connection) is shown as a message.
 */
async function importAction(previous: ImportFormState, form: FormData): Promise<ImportFormState> {
  const values = {
    text: String(form.get('text') ?? ''),
    fileName: String(form.get('fileName') ?? ''),
  };
  const checked = checkImportText(values.text);
  if (!checked.ok) {
    return failed(checked.error, values, { text: [checked.error] });
  }
  try {
    if (form.get('intent') !== 'create') return await previewImportAction(idle, form);
    // Only an error comes back (success redirects): the preview stays, to try again.
    return { ...(await createImportAction(idle, form)), preview: previous.preview };
  } catch (error) {
    unstable_rethrow(error);
    return failed(
      error instanceof Error && error.message ? error.message : 'The server did not answer.',
      values,
    );
  }
}

function failed(
  message: string,
  values: Record<string, string>,
  fieldErrors?: Record<string, string[]>,
): ImportFormState {
  return { status: 'error', message, values, fieldErrors, answeredAt: Date.now() };
}

const pendingLabels = { preview: 'Reading the brief…', create: 'Creating the draft…' };

/** A submit button of the import form that says what is happening while its request runs. */
function IntentButton({ intent, children }: { intent: 'preview' | 'create'; children: string }) {
  const { pending, data } = useFormStatus();
  const mine = pending && data?.get('intent') === intent;
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      className={intent === 'create' ? 'button primary' : 'button'}
      disabled={pending}
    >
      {mine ? pendingLabels[intent] : children}
    </button>
  );
}

function ImportProgress() {
  const { pending, data } = useFormStatus();
  const intent = data?.get('intent') as 'preview' | 'create' | undefined;
  return (
    <p role="status" className="hint">
      {pending && intent ? pendingLabels[intent] : ''}
    </p>
  );
}

export function ImportForm() {
  const [state, action] = useActionState(importAction, idle);
  const textId = useId();
  const fileId = useId();
  const text = useRef<HTMLTextAreaElement>(null);
  const [fileName, setFileName] = useState(state.values?.fileName ?? '');
  const [readError, setReadError] = useState<string | null>(null);
  // A file name the server refused (a control character in it) is shown where the file is chosen.
  const fileError = readError ?? state.fieldErrors?.fileName?.join(' ');
  // The answer the text was last changed after: a preview of older text must not be created.
  const [editedAfter, setEditedAfter] = useState<number | undefined>(undefined);
  const previewIsCurrent = state.preview !== undefined && editedAfter !== state.answeredAt;
  const textErrors = state.fieldErrors?.text;

  // The file is read here and its text shown in the field, so that the person sees exactly
  // what is imported; the server checks the text again.
  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setReadError(null);
    if (!file) return;
    const decoded = decodeImportFile(new Uint8Array(await file.arrayBuffer()), file.name);
    if (!decoded.ok) {
      setReadError(decoded.error);
      event.target.value = '';
      return;
    }
    if (text.current) text.current.value = decoded.text;
    setFileName(file.name);
    setEditedAfter(state.answeredAt);
  }

  return (
    <>
      <form key={state.answeredAt} action={action} className="stack import-form" noValidate>
        <FormMessage state={state.status === 'error' ? state : { status: 'idle' }} />
        <div className="field">
          <label htmlFor={fileId}>File (.txt or .md)</label>
          <input
            id={fileId}
            type="file"
            accept=".txt,.md,.markdown,text/plain,text/markdown"
            onChange={(event) => void readFile(event)}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${fileId}-error` : undefined}
          />
          {fileError && (
            <p id={`${fileId}-error`} className="field-error" role="alert">
              {fileError}
            </p>
          )}
        </div>
        <input type="hidden" name="fileName" value={fileName} />
        <div className="field">
          <label htmlFor={textId}>Brief text</label>
          <textarea
            id={textId}
            ref={text}
            name="text"
            rows={16}
            spellCheck={false}
            defaultValue={state.values?.text}
            onInput={() => {
              setFileName('');
              setEditedAfter(state.answeredAt);
            }}
            aria-invalid={textErrors?.length ? true : undefined}
            aria-describedby={textErrors?.length ? `${textId}-error` : undefined}
          />
          {textErrors?.length ? (
            <p id={`${textId}-error`} className="field-error">
              {textErrors.join(' ')}
            </p>
          ) : null}
        </div>
        <div className="row">
          <IntentButton intent="preview">Preview import</IntentButton>
          {previewIsCurrent && <IntentButton intent="create">Create draft</IntentButton>}
          {state.preview && !previewIsCurrent && (
            <p className="hint">The text changed since the preview: preview it again.</p>
          )}
        </div>
        <ImportProgress />
      </form>
      {state.preview && (
        <>
          {state.preview.duplicates.length > 0 && (
            <section className="banner duplicate-banner" aria-labelledby="import-duplicates">
              <h2 id="import-duplicates">This question may already be answered</h2>
              <DuplicateList matches={state.preview.duplicates} />
            </section>
          )}
          <ImportReportView report={state.preview.report} />
          <section className="panel" aria-labelledby="import-preview">
            <h2 id="import-preview">Preview of the draft</h2>
            <BriefView document={state.preview.document} />
          </section>
        </>
      )}
    </>
  );
}

function NoteList({ label, notes }: { label: string; notes: ImportReport['notes'] }) {
  return (
    <ul aria-label={label}>
      {notes.map((note) => (
        <li key={`${note.line}:${note.message}`}>
          {note.line ? `Line ${note.line}: ` : ''}
          {note.message}
        </li>
      ))}
    </ul>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const attention = report.notes.filter((n) => n.severity === 'attention');
  const done = report.notes.filter((n) => n.severity === 'info');
  return (
    <section className="panel import-report" aria-labelledby="import-report">
      <h2 id="import-report">What the import found</h2>
      <p>
        {importCounts(report)}. Read as {report.format === 'markdown' ? 'Markdown' : 'plain text'}.
      </p>
      <h3>Needs attention ({attention.length})</h3>
      {attention.length ? (
        <NoteList label="Needs attention" notes={attention} />
      ) : (
        <p className="hint">Nothing: every line was understood.</p>
      )}
      {done.length > 0 && (
        <>
          <h3>Done by the import</h3>
          <NoteList label="Done by the import" notes={done} />
        </>
      )}
    </section>
  );
}
