'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { z } from 'zod';
import { useConfirmDialog } from '@/components/ui/confirm-dialog';
import {
  emptySourceFields,
  type Source,
  type SourceFields,
  sourceFieldsSchema,
} from '@/lib/content/document';
import type { CitationRef } from '@/lib/content/numbering';
import { displaySafeUrl } from '@/lib/content/safe-text';
import type { SourceDetailsResult } from '@/lib/sources/details';
import { fillDetails } from '@/lib/sources/fill-details';
import { ArchiveStatus, type ArchiveView, CaptureStatus, type CaptureView } from './capture-status';

const fieldLabels: [keyof SourceFields, string, string][] = [
  ['url', 'URL', 'url'],
  ['title', 'Title', 'text'],
  ['publisher', 'Publisher', 'text'],
  ['author', 'Author', 'text'],
  ['publishedAt', 'Published date', 'date'],
  ['accessedAt', 'Accessed date', 'date'],
  ['archiveUrl', 'Archive URL', 'url'],
];

const partNames = { summary: 'Executive summary', body: 'Body', limitations: 'Limitations' };

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function blankSourceFields(): SourceFields {
  return emptySourceFields(today());
}

function normalizedUrl(url: string): string {
  return url
    .trim()
    .replace(/\/+$/, '')
    .replace(/^https?:\/\/(www\.)?/i, '')
    .toLowerCase();
}

interface SourcesPanelProps {
  sources: Source[];
  numbers: ReadonlyMap<string, number>;
  citations: CitationRef[];
  editing: { id: string | null } | null;
  highlightId: string | null;
  /** Why the server refused a source in the last save, by source id. */
  problems?: Record<string, string[]>;
  onEdit: (id: string | null) => void;
  onCancel: () => void;
  onSave: (id: string | null, fields: SourceFields) => void;
  onDelete: (id: string) => void;
  readOnly?: boolean;
  /** The latest capture of each source's page, by source id. */
  captures?: ReadonlyMap<string, CaptureView>;
  onCaptureAgain?: (id: string) => void;
  /** The latest archived copy of each source's page (asked for on publication), by source id. */
  archives?: ReadonlyMap<string, ArchiveView>;
}

/** The brief's sources: numbered when cited, flagged when uncited or duplicated. */
export function SourcesPanel(props: SourcesPanelProps) {
  const { sources, numbers, citations, editing, highlightId, readOnly } = props;
  const urlCounts = new Map<string, number>();
  for (const source of sources) {
    if (source.url)
      urlCounts.set(normalizedUrl(source.url), (urlCounts.get(normalizedUrl(source.url)) ?? 0) + 1);
  }
  const ordered = [...sources].sort(
    (a, b) =>
      (numbers.get(a.id) ?? Number.MAX_SAFE_INTEGER) -
      (numbers.get(b.id) ?? Number.MAX_SAFE_INTEGER),
  );

  const deleteConfirmation = useConfirmDialog();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmDelete = async (source: Source) => {
    const uses = citations.filter((c) => c.sourceId === source.id);
    const name = source.title || displaySafeUrl(source.url) || 'this source';
    const question = uses.length
      ? `“${name}” is cited ${uses.length} time${uses.length === 1 ? '' : 's'} (${[
          ...new Set(uses.map((c) => partNames[c.part])),
        ].join(', ')}). Delete it anyway? Those citations will show as [?] until you fix them.`
      : `Delete “${name}”?`;
    const confirmed = await deleteConfirmation.ask({
      title: 'Delete source',
      description: question,
      confirmLabel: 'Delete',
      tone: 'danger',
    });
    if (!confirmed) return;
    props.onDelete(source.id);
    // Its Delete button, which had the focus back, goes with it: the list's heading takes it.
    headingRef.current?.focus();
  };

  return (
    <section className="panel sources-panel" aria-labelledby="sources-heading" id="sources">
      <div className="panel-head">
        <h2 id="sources-heading" ref={headingRef} tabIndex={-1}>
          Sources ({sources.length})
        </h2>
        {!readOnly && (
          <button type="button" className="button" onClick={() => props.onEdit(null)}>
            Add source
          </button>
        )}
      </div>
      {editing && editing.id === null && (
        <SourceForm
          initial={blankSourceFields()}
          onCancel={props.onCancel}
          onSave={(fields) => props.onSave(null, fields)}
        />
      )}
      {ordered.length === 0 && !editing && (
        <p className="hint">No sources yet. Add the first one, then cite it.</p>
      )}
      <ol className="source-list">
        {ordered.map((source) => {
          const n = numbers.get(source.id);
          const duplicate = source.url && (urlCounts.get(normalizedUrl(source.url)) ?? 0) > 1;
          return (
            <li
              key={source.id}
              id={`source-item-${source.id}`}
              className={`source-item${highlightId === source.id ? ' highlight' : ''}`}
              data-source-id={source.id}
            >
              {editing?.id === source.id ? (
                <SourceForm
                  initial={source}
                  onCancel={props.onCancel}
                  onSave={(fields) => props.onSave(source.id, fields)}
                />
              ) : (
                <>
                  <div className="source-line">
                    <span className={n ? 'source-number' : 'source-number uncited'}>
                      {n ? `[${n}]` : 'uncited'}
                    </span>
                    <span className="source-title">{source.title || <em>Untitled source</em>}</span>
                    {source.incomplete && <span className="badge">needs details</span>}
                  </div>
                  <div className="source-meta">
                    {[source.publisher, source.author, source.publishedAt]
                      .filter(Boolean)
                      .join(' · ')}
                    {source.url && (
                      <>
                        {' '}
                        <a href={source.url} target="_blank" rel="noopener noreferrer nofollow">
                          {displaySafeUrl(source.url)
                            .replace(/^https?:\/\//, '')
                            .slice(0, 60)}
                        </a>
                      </>
                    )}
                  </div>
                  <CaptureStatus
                    sourceUrl={source.url}
                    sourceTitle={source.title}
                    capture={props.captures?.get(source.id)}
                    onCaptureAgain={
                      readOnly || !props.onCaptureAgain
                        ? undefined
                        : () => props.onCaptureAgain?.(source.id)
                    }
                  />
                  <ArchiveStatus sourceUrl={source.url} archive={props.archives?.get(source.id)} />
                  {duplicate && <p className="flag">Same URL as another source in this brief.</p>}
                  {props.problems?.[source.id] && (
                    <p className="field-error">{props.problems[source.id]?.join(' ')}</p>
                  )}
                  {source.incomplete && (
                    <p className="flag">Placeholder from import: add its details.</p>
                  )}
                  {!readOnly && (
                    <div className="source-actions">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => props.onEdit(source.id)}
                        aria-label={`Edit ${source.title || 'source'}`}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="link-button danger"
                        onClick={() => confirmDelete(source)}
                        aria-label={`Delete ${source.title || 'source'}`}
                      >
                        Delete
                      </button>
                    </div>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
      {deleteConfirmation.dialog}
    </section>
  );
}

function SourceForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: SourceFields;
  onSave: (fields: SourceFields) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [values, setValues] = useState<SourceFields>(() => ({
    ...blankSourceFields(),
    ...pickFields(initial),
  }));
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const set = (field: keyof SourceFields, value: string) =>
    setValues((current) => ({ ...current, [field]: value }));
  const details = useFetchDetails();
  // The form as it is when the details arrive: what was typed while fetching stays.
  const latest = useRef(values);
  useEffect(() => {
    latest.current = values;
  });

  const fetchDetails = async () => {
    const url = values.url.trim();
    const outcome = await details.run(url);
    if (!outcome) return;
    if (!outcome.ok) {
      details.report('error', outcome.message);
      return;
    }
    if (latest.current.url.trim() !== url) {
      details.report('error', 'The URL changed while fetching: press Fetch details again.');
      return;
    }
    const filled = fillDetails(latest.current, outcome);
    setValues(filled.values);
    setErrors((current) =>
      Object.fromEntries(
        Object.entries(current).filter(([name]) => !(filled.filled as string[]).includes(name)),
      ),
    );
    details.report('done', filled.message);
  };

  const submit = () => {
    const parsed = sourceFieldsSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setErrors({});
    onSave(parsed.data);
  };

  const field = (name: keyof SourceFields, label: string, type: string) => {
    const inputId = `${id}-${name}`;
    const error = errors[name]?.join(' ');
    const describedBy = [
      error ? `${inputId}-error` : null,
      name === 'url' && details.status ? `${id}-details-status` : null,
    ].filter(Boolean);
    const input = (
      <input
        id={inputId}
        type={type === 'date' ? 'date' : 'text'}
        inputMode={type === 'url' ? 'url' : undefined}
        value={values[name] ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy.length ? describedBy.join(' ') : undefined}
        onChange={(event) => set(name, event.target.value)}
      />
    );
    return (
      <div className="field" key={name}>
        <label htmlFor={inputId}>{label}</label>
        {name === 'url' ? (
          <div className="url-with-action">
            {input}
            <button
              type="button"
              className="button"
              disabled={details.fetching || values.url.trim() === ''}
              aria-busy={details.fetching || undefined}
              onClick={fetchDetails}
            >
              Fetch details
            </button>
          </div>
        ) : (
          input
        )}
        {error && (
          <p className="field-error" id={`${inputId}-error`}>
            {error}
          </p>
        )}
        {name === 'url' && (
          <p
            id={`${id}-details-status`}
            role="status"
            className={details.status?.tone === 'error' ? 'field-error' : 'hint'}
          >
            {details.status?.text}
          </p>
        )}
      </div>
    );
  };

  return (
    <fieldset className="source-form stack" aria-label="Source details">
      {fieldLabels.map(([name, label, type]) => field(name, label, type))}
      <div className="field">
        <label htmlFor={`${id}-quote`}>Quote</label>
        <textarea
          id={`${id}-quote`}
          rows={3}
          value={values.quote}
          aria-invalid={errors.quote ? true : undefined}
          aria-describedby={errors.quote ? `${id}-quote-error` : undefined}
          onChange={(event) => set('quote', event.target.value)}
        />
        {errors.quote && (
          <p className="field-error" id={`${id}-quote-error`}>
            {errors.quote.join(' ')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Internal note</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          value={values.note}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? `${id}-note-error` : undefined}
          onChange={(event) => set('note', event.target.value)}
        />
        <p className="hint">Never shown to the public.</p>
        {errors.note && (
          <p className="field-error" id={`${id}-note-error`}>
            {errors.note.join(' ')}
          </p>
        )}
      </div>
      <div className="row">
        <button type="button" className="button primary" onClick={submit}>
          Save source
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}

type DetailsStatus = { tone: 'progress' | 'done' | 'error'; text: string } | null;

/**
 * Fetch details for the source form: one request at a time, its progress and outcome in a status
 * line, cancelled when the form closes. The form stays usable throughout; nothing waits for it.
 */
function useFetchDetails() {
  const [fetching, setFetching] = useState(false);
  const [status, setStatus] = useState<DetailsStatus>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const report = (tone: 'done' | 'error', text: string) => setStatus({ tone, text });

  /** The server's answer, or null when it failed (the status says why) or the form closed. */
  const run = async (url: string): Promise<SourceDetailsResult | null> => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setFetching(true);
    setStatus({ tone: 'progress', text: 'Fetching details…' });
    try {
      const response = await fetch('/api/sources/details', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url }),
        signal: current.signal,
      });
      const answer = (await response.json().catch(() => null)) as
        | SourceDetailsResult
        | { error?: string }
        | null;
      if (response.ok && answer && 'ok' in answer) return answer;
      report(
        'error',
        (answer && 'error' in answer && answer.error) ||
          `Factdesk could not fetch the details (${response.status}). You can still save the source.`,
      );
      return null;
    } catch {
      if (current.signal.aborted) return null;
      report(
        'error',
        'Factdesk could not be reached. Check your connection; you can still save the source.',
      );
      return null;
    } finally {
      if (controller.current === current) {
        controller.current = null;
        setFetching(false);
      }
    }
  };

  return { fetching, status, run, report };
}

function pickFields(source: SourceFields): SourceFields {
  const { url, title, publisher, author, publishedAt, accessedAt, archiveUrl, quote, note } =
    source;
  return { url, title, publisher, author, publishedAt, accessedAt, archiveUrl, quote, note };
}
