'use client';

import { useActionState, useId, useState } from 'react';
import { SitePageEditor } from '@/components/settings/site-page-editor';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { SitePageKind } from '@/db/enums';
import type { RichNode } from '@/lib/content/numbering';
import { idleFormState } from '@/lib/form-state';
import { restoreSitePageAction, saveSitePageAction, updateSiteIdentityAction } from './actions';
import { idleSitePageState } from './form-state';

/** The site's name and disclaimer; empty fields fall back to the defaults shown as hints. */
export function SiteIdentityForm({
  siteName,
  disclaimer,
  defaults,
}: {
  siteName: string;
  disclaimer: string;
  defaults: { siteName: string; disclaimer: string };
}) {
  const [state, action] = useActionState(updateSiteIdentityAction, idleFormState);
  const values = state.status === 'error' ? state.values : undefined;
  const disclaimerId = useId();
  const disclaimerErrors = state.fieldErrors?.disclaimer;
  return (
    <form key={state.answeredAt} action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field
        label="Site name"
        name="siteName"
        maxLength={80}
        hint={`Shown in every public page's header, title and footer. Empty: “${defaults.siteName}”.`}
        defaultValue={values?.siteName ?? siteName}
        errors={state.fieldErrors?.siteName}
      />
      <div className="field">
        <label htmlFor={disclaimerId}>Disclaimer</label>
        <p id={`${disclaimerId}-hint`} className="hint">
          Shown under “Checked on” on every brief and in the footer. Empty: the default text.
        </p>
        <textarea
          id={disclaimerId}
          name="disclaimer"
          rows={3}
          maxLength={500}
          placeholder={defaults.disclaimer}
          defaultValue={values?.disclaimer ?? disclaimer}
          aria-invalid={disclaimerErrors ? true : undefined}
          aria-describedby={`${disclaimerId}-hint${disclaimerErrors ? ` ${disclaimerId}-error` : ''}`}
        />
        {disclaimerErrors && (
          <p id={`${disclaimerId}-error`} className="field-error">
            {disclaimerErrors.join(' ')}
          </p>
        )}
      </div>
      <SubmitButton pendingLabel="Saving…">Save site details</SubmitButton>
    </form>
  );
}

export interface SitePageVersionRow {
  number: number;
  authorName: string;
  /** Already formatted in the newsroom's time zone. */
  savedAt: string;
}

/**
 * One of the newsroom's public pages: its text in a rich-text editor, saved as a new version
 * (based on the one shown, so that nobody's save is overwritten), and its earlier versions.
 */
export function SitePageForm({
  page,
  title,
  path,
  content,
  versions,
}: {
  page: SitePageKind;
  title: string;
  path: string;
  content: RichNode | null;
  versions: SitePageVersionRow[];
}) {
  const [state, action] = useActionState(saveSitePageAction, idleSitePageState);
  const current = versions[0]?.number ?? 0;
  // The version the text in the editor stands on: the one shown when the page opened, then each
  // of this form's saves. Another version made meanwhile (a restore, another admin) makes the
  // next save a conflict instead of being overwritten by an editor that never showed it.
  const [loadedVersion] = useState(current);
  const basedOn = state.savedAs ?? loadedVersion;
  // What was typed survives an error: the editor keeps its text, this field mirrors it.
  const [json, setJson] = useState(() => (content ? JSON.stringify(content) : ''));
  const errorId = useId();
  const errors = state.fieldErrors?.content;
  return (
    <div className="stack">
      <form action={action} className="stack" noValidate>
        <FormMessage state={state} />
        <input type="hidden" name="page" value={page} />
        <input type="hidden" name="basedOn" value={basedOn} />
        <input type="hidden" name="content" value={json} />
        <SitePageEditor
          label={title}
          initialContent={content}
          onChange={(doc) => setJson(JSON.stringify(doc))}
          describedBy={errors ? errorId : undefined}
        />
        {errors && (
          <p id={errorId} className="field-error">
            {errors.join(' ')}
          </p>
        )}
        <p className="hint">
          {current === 0 ? (
            <>Not written yet: readers see no link to it until it is saved.</>
          ) : (
            <>
              Version {current}, by {versions[0]?.authorName} on {versions[0]?.savedAt}. Readers see
              it at <a href={path}>{path}</a>.
            </>
          )}
        </p>
        <SubmitButton pendingLabel="Saving…">{`Save ${title.toLowerCase()}`}</SubmitButton>
      </form>
      {versions.length > 1 && (
        <details className="site-page-history">
          <summary>Earlier versions ({versions.length - 1})</summary>
          <ul>
            {versions.slice(1).map((version) => (
              <li key={version.number}>
                Version {version.number}, by {version.authorName} on {version.savedAt}{' '}
                <RestoreVersionButton
                  page={page}
                  title={title}
                  number={version.number}
                  basedOn={current}
                />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function RestoreVersionButton({
  page,
  title,
  number,
  basedOn,
}: {
  page: SitePageKind;
  title: string;
  number: number;
  basedOn: number;
}) {
  const [state, action] = useActionState(restoreSitePageAction, idleFormState);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="page" value={page} />
      <input type="hidden" name="number" value={number} />
      <input type="hidden" name="basedOn" value={basedOn} />
      <SubmitButton pendingLabel="Restoring…" aria-label={`Restore version ${number} of ${title}`}>
        Restore
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
