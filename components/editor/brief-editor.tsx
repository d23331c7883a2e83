'use client';

import type { Editor } from '@tiptap/core';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ExportLinks } from '@/components/briefs/export-links';
import type { HeadInfo } from '@/lib/briefs/mutations';
import { canonicalJson } from '@/lib/content/canonical-json';
import { type CheckTarget, QUESTION_MAX, runChecks } from '@/lib/content/checks';
import type { BriefDocument, Source, SourceFields } from '@/lib/content/document';
import { type RichTextPart, richTextParts } from '@/lib/content/extensions';
import { type CitationRef, numberSources, type RichNode } from '@/lib/content/numbering';
import { ChecksPanel } from './checks-panel';
import { newCitationId } from './citation-node-view';
import { CitationPicker } from './citation-picker';
import { CitationRegistry } from './citation-registry';
import { ConflictPanel } from './conflict-panel';
import { clearLocalDraft, type LocalDraft, readLocalDraft } from './local-draft';
import { RichTextEditor } from './rich-text-editor';
import { SourcesPanel } from './sources-panel';
import { saveStatusText, useSaveQueue } from './use-save-queue';

interface BriefEditorProps {
  briefId: string;
  initialDocument: BriefDocument;
  initialHead: HeadInfo;
  /** Review and publication controls, rendered on the server. */
  workflowPanel?: ReactNode;
  workflowState?: string;
}

const CHECKS_DELAY_MS = 400;
const PRESENCE_INTERVAL_MS = 20_000;

function relatedFromText(text: string): BriefDocument['relatedQuestions'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ text: line }));
}

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The brief editor: question, three rich-text parts, related questions, sources and checks. */
export function BriefEditor({
  briefId,
  initialDocument,
  initialHead,
  workflowPanel,
  workflowState,
}: BriefEditorProps) {
  const router = useRouter();
  const registry = useMemo(() => new CitationRegistry(), []);
  const editors = useRef<Partial<Record<RichTextPart, Editor>>>({});
  const [question, setQuestion] = useState(initialDocument.question);
  const [relatedText, setRelatedText] = useState(
    initialDocument.relatedQuestions.map((q) => q.text).join('\n'),
  );
  const [sources, setSources] = useState<Source[]>(initialDocument.sources);
  const [numbers, setNumbers] = useState<ReadonlyMap<string, number>>(new Map());
  const [citations, setCitations] = useState<CitationRef[]>([]);
  const [checks, setChecks] = useState(() => runChecks(initialDocument));
  const [picker, setPicker] = useState<RichTextPart | null>(null);
  const [editingSource, setEditingSource] = useState<{
    id: string | null;
    citeIn?: RichTextPart;
  } | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [localOffer, setLocalOffer] = useState<LocalDraft | null>(null);
  const [others, setOthers] = useState<string[]>([]);

  const questionRef = useRef(question);
  const relatedRef = useRef(relatedText);
  const sourcesRef = useRef(sources);
  const numbersKey = useRef('');
  const applyingContent = useRef(false);
  const checksTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const questionInput = useRef<HTMLInputElement>(null);

  const getDocument = useCallback(
    (): BriefDocument => ({
      question: questionRef.current,
      summary: (editors.current.summary?.getJSON() as RichNode) ?? initialDocument.summary,
      body: (editors.current.body?.getJSON() as RichNode) ?? initialDocument.body,
      limitations:
        (editors.current.limitations?.getJSON() as RichNode) ?? initialDocument.limitations,
      relatedQuestions: relatedFromText(relatedRef.current),
      sources: sourcesRef.current,
    }),
    [initialDocument],
  );

  // An edit can withdraw a review: then the server-rendered review panel must be redrawn.
  const workflowStateRef = useRef(workflowState);
  workflowStateRef.current = workflowState;
  const onSaved = useCallback(
    (state: string) => {
      if (workflowStateRef.current && state !== workflowStateRef.current) router.refresh();
    },
    [router],
  );
  const queue = useSaveQueue({ briefId, initialHead, getDocument, onSaved });

  /**
   * Numbers are derived on every change; markers and React re-render only when they actually
   * change (or, with `sourcesChanged`, when a source's details may have).
   */
  const recomputeNumbers = useCallback(
    (sourcesChanged = false) => {
      const refs: CitationRef[] = [];
      for (const part of richTextParts) {
        editors.current[part]?.state.doc.descendants((node) => {
          if (node.type.name === 'citation') {
            refs.push({
              citationId: String(node.attrs.citationId),
              sourceId: String(node.attrs.sourceId),
              locator: node.attrs.locator ?? null,
              part,
            });
          }
          return !node.isTextblock || node.childCount > 0;
        });
      }
      const sourceMap = new Map(sourcesRef.current.map((s) => [s.id, s]));
      const next = numberSources(
        refs.map((r) => r.sourceId),
        new Set(sourceMap.keys()),
      );
      const key = `${[...next].join('|')}#${refs.map((r) => `${r.part}:${r.sourceId}`).join(',')}`;
      if (key !== numbersKey.current || sourcesChanged) {
        numbersKey.current = key;
        registry.update(next, sourceMap);
        setNumbers(next);
        setCitations(refs);
      }
    },
    [registry],
  );

  const scheduleChecks = useCallback(() => {
    clearTimeout(checksTimer.current);
    checksTimer.current = setTimeout(() => setChecks(runChecks(getDocument())), CHECKS_DELAY_MS);
  }, [getDocument]);

  const changed = useCallback(() => {
    if (applyingContent.current) return;
    queue.markDirty();
    scheduleChecks();
  }, [queue.markDirty, scheduleChecks]);

  const onEditorReady = useCallback(
    (part: RichTextPart, editor: Editor) => {
      editors.current[part] = editor;
      recomputeNumbers();
    },
    [recomputeNumbers],
  );

  const onEditorChange = useCallback(() => {
    recomputeNumbers();
    changed();
  }, [recomputeNumbers, changed]);

  const updateSources = (next: Source[]) => {
    sourcesRef.current = next;
    setSources(next);
    recomputeNumbers(true);
    changed();
  };

  /** Puts a whole document into the editor (restoring a local copy, or taking theirs). */
  const applyDocument = (document: BriefDocument) => {
    applyingContent.current = true;
    questionRef.current = document.question;
    setQuestion(document.question);
    const related = document.relatedQuestions.map((q) => q.text).join('\n');
    relatedRef.current = related;
    setRelatedText(related);
    sourcesRef.current = document.sources;
    setSources(document.sources);
    for (const part of richTextParts) editors.current[part]?.commands.setContent(document[part]);
    applyingContent.current = false;
    recomputeNumbers(true);
    setChecks(runChecks(document));
  };

  // Unconfirmed edits from an earlier visit on this device: offer them back (once, on opening).
  const checkedLocalDraft = useRef(false);
  useEffect(() => {
    if (checkedLocalDraft.current) return;
    checkedLocalDraft.current = true;
    const draft = readLocalDraft(briefId);
    if (!draft) return;
    if (canonicalJson(draft.document) === canonicalJson(initialDocument)) clearLocalDraft(briefId);
    else setLocalOffer(draft);
  }, [briefId, initialDocument]);

  useEffect(() => {
    registry.onActivate = (sourceId) => {
      setHighlight(sourceId);
      document.getElementById(`source-item-${sourceId}`)?.scrollIntoView({ block: 'nearest' });
    };
  }, [registry]);

  // Who else has this brief open (a warning only).
  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      try {
        const response = await fetch(`/api/briefs/${briefId}/presence`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        if (response.ok && !stopped) {
          const body = (await response.json()) as { others: { name: string }[] };
          setOthers(body.others.map((o) => o.name));
        }
      } catch {
        // Offline: the save status says so already.
      }
    };
    void beat();
    const timer = setInterval(beat, PRESENCE_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [briefId]);

  // Mod-S saves a version; Mod-Shift-K (from inside an editor) opens the citation picker.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void queue.save('save');
      }
    };
    const onInsert = (event: Event) => {
      const part = (event.target as HTMLElement).closest<HTMLElement>('[data-part]')?.dataset.part;
      if (part) setPicker(part as RichTextPart);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('factdesk:insert-citation', onInsert);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('factdesk:insert-citation', onInsert);
    };
  }, [queue.save]);

  const insertCitation = (part: RichTextPart, sourceId: string, locator: string | null) => {
    editors.current[part]
      ?.chain()
      .focus()
      .insertContent({
        type: 'citation',
        attrs: { citationId: newCitationId(), sourceId, locator },
      })
      .run();
  };

  const saveSource = (id: string | null, fields: SourceFields) => {
    const citeIn = editingSource?.citeIn;
    if (id) {
      updateSources(
        sourcesRef.current.map((s) =>
          s.id === id ? { ...s, ...fields, incomplete: undefined } : s,
        ),
      );
    } else {
      const source: Source = { id: crypto.randomUUID(), ...fields };
      updateSources([...sourcesRef.current, source]);
      if (citeIn) insertCitation(citeIn, source.id, null);
    }
    setEditingSource(null);
  };

  const goTo = (target: CheckTarget) => {
    if (target === 'question') questionInput.current?.focus();
    else if (target === 'sources')
      document.getElementById('sources')?.scrollIntoView({ block: 'start' });
    else if (target.startsWith('source:')) {
      const id = target.slice('source:'.length);
      setHighlight(id);
      document.getElementById(`source-item-${id}`)?.scrollIntoView({ block: 'nearest' });
    } else editors.current[target as RichTextPart]?.commands.focus();
  };

  const relatedCount = relatedFromText(relatedText).length;
  const problems = queue.problems;
  const questionProblem = problems.question.join(' ');
  const relatedProblem = problems.relatedQuestions.join(' ');
  const relatedDescribedBy = [
    'related-hint',
    relatedCount > 10 && 'related-error',
    relatedProblem && 'related-save-error',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className="editor-layout">
      <div className="editor-main">
        {localOffer && (
          <section className="banner" aria-label="Unsaved changes on this device">
            <p>
              This device kept changes from {formatTime(localOffer.savedLocallyAt)} that were never
              saved to the server.
            </p>
            <div className="row">
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  applyDocument(localOffer.document);
                  queue.resumeLocalDraft(localOffer);
                  setLocalOffer(null);
                }}
              >
                Restore unsaved changes
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  clearLocalDraft(briefId);
                  setLocalOffer(null);
                }}
              >
                Discard them
              </button>
            </div>
          </section>
        )}
        {others.length > 0 && (
          <p className="banner warn" role="note">
            Also open by {others.join(', ')}. Your saves stay separate: if you both change it, the
            second to save chooses what to keep.
          </p>
        )}
        {queue.conflict && (
          <ConflictPanel
            conflict={queue.conflict}
            mine={getDocument()}
            onKeepMine={() => queue.resolveConflict('mine')}
            onTakeTheirs={() => {
              const theirs = queue.conflict?.document;
              if (theirs) applyDocument(theirs);
              queue.resolveConflict('theirs');
            }}
          />
        )}
        <div className="field question-field">
          <label htmlFor="question">Question</label>
          <input
            id="question"
            ref={questionInput}
            className="question-input"
            value={question}
            maxLength={500}
            aria-describedby={questionProblem ? 'question-count question-error' : 'question-count'}
            aria-invalid={questionProblem ? true : undefined}
            onChange={(event) => {
              questionRef.current = event.target.value;
              setQuestion(event.target.value);
              changed();
            }}
          />
          <p
            id="question-count"
            className={question.trim().length > QUESTION_MAX ? 'hint over' : 'hint'}
          >
            {question.trim().length} / {QUESTION_MAX} characters
          </p>
          {questionProblem && (
            <p className="field-error" id="question-error">
              {questionProblem}
            </p>
          )}
        </div>
        {richTextParts.map((part) => (
          <RichTextEditor
            key={part}
            part={part}
            initialContent={initialDocument[part]}
            registry={registry}
            onReady={onEditorReady}
            onChange={onEditorChange}
            onInsertCitation={setPicker}
            problem={problems.parts[part]?.join(' ')}
          />
        ))}
        <div className="field">
          <label htmlFor="related">Related questions</label>
          <p className="hint" id="related-hint">
            One question per line, at most 10. Shown as “Want to dive deeper?”.
          </p>
          <textarea
            id="related"
            rows={4}
            value={relatedText}
            aria-describedby={relatedDescribedBy}
            aria-invalid={relatedCount > 10 || relatedProblem ? true : undefined}
            onChange={(event) => {
              relatedRef.current = event.target.value;
              setRelatedText(event.target.value);
              changed();
            }}
          />
          {relatedCount > 10 && (
            <p className="field-error" id="related-error">
              {relatedCount} questions: remove {relatedCount - 10} (at most 10). Until then this
              brief cannot be saved to the server; your text is kept on this device.
            </p>
          )}
          {relatedProblem && (
            <p className="field-error" id="related-save-error">
              {relatedProblem}
            </p>
          )}
        </div>
      </div>
      <aside className="editor-side" aria-label="Saving, checks and sources">
        <section className="panel save-panel">
          <p role="status" className="save-status" data-status={queue.status}>
            {saveStatusText[queue.status]}
          </p>
          <p className="hint save-detail">
            {queue.message ||
              `Version ${queue.head.number} by ${queue.head.authorName}, ${formatTime(queue.head.savedAt)}`}
          </p>
          <div className="row">
            <button
              type="button"
              className="button primary"
              onClick={() => void queue.save('save')}
            >
              Save version
            </button>
            <Link className="button" href={`/desk/briefs/${briefId}/history`}>
              History
            </Link>
            <a
              className="button"
              href={`/desk/briefs/${briefId}/preview`}
              target="_blank"
              rel="noopener"
            >
              Preview
            </a>
          </div>
          <ExportLinks briefId={briefId} versionNumber={queue.head.number} />
        </section>
        {workflowPanel}
        <ChecksPanel checks={checks} onGoTo={goTo} />
        <SourcesPanel
          sources={sources}
          numbers={numbers}
          citations={citations}
          editing={editingSource}
          highlightId={highlight}
          problems={problems.sources}
          onEdit={(id) => setEditingSource({ id })}
          onCancel={() => setEditingSource(null)}
          onSave={saveSource}
          onDelete={(id) => updateSources(sourcesRef.current.filter((s) => s.id !== id))}
        />
      </aside>
      {picker && (
        <CitationPicker
          sources={sources}
          numbers={numbers}
          onChoose={(sourceId, locator) => {
            // At once (the picker has closed its dialog): the next key typed follows the citation.
            insertCitation(picker, sourceId, locator);
            setPicker(null);
          }}
          onAddSource={() => {
            setEditingSource({ id: null, citeIn: picker });
            setPicker(null);
          }}
          onClose={() => {
            const part = picker;
            setPicker(null);
            setTimeout(() => editors.current[part]?.commands.focus(), 0);
          }}
        />
      )}
    </div>
  );
}
