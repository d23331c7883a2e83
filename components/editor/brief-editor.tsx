'use client';

import type { Editor } from '@tiptap/core';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import {
  memo,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { ExportLinks } from '@/components/briefs/export-links';
import { CommentsPanel } from '@/components/comments/comments-panel';
import type { HeadInfo } from '@/lib/briefs/mutations';
import type { Colleague } from '@/lib/comments/schemas';
import { canonicalJson } from '@/lib/content/canonical-json';
import { type CheckTarget, QUESTION_MAX } from '@/lib/content/checks';
import type { BriefDocument, Source, SourceFields } from '@/lib/content/document';
import { type RichTextPart, richTextParts } from '@/lib/content/extensions';
import { type BriefFieldsAction, relatedFromText } from '@/lib/editor/brief-store';
import type { LocalDraft } from '@/lib/editor/local-copy';
import { saveStatusOf } from '@/lib/editor/save-machine';
import { ariaKeyShortcuts, COMMENT, matchesChord, SAVE_VERSION } from '@/lib/editor/shortcuts';
import type { RatingScale } from '@/lib/settings/rating-scale';
import { useCaptures } from './capture-status';
import { ChecksPanel } from './checks-panel';
import { newCitationId } from './citation-node-view';
import { CitationPicker } from './citation-picker';
import { ClaimReviewPanel } from './claim-review-panel';
import { ConflictPanel } from './conflict-panel';
import { DuplicateNotice } from './duplicate-notice';
import { createEditorSession, type EditMode, type EditorSession } from './editor-session';
import { RichTextEditor } from './rich-text-editor';
import { SourcesPanel } from './sources-panel';
import { untracked } from './suggest-changes';
import { ModeSwitch, SuggestionsPanel } from './suggestions-panel';
import { type Conflict, type SaveQueue, saveStatusText, useSaveQueue } from './use-save-queue';
import { useStoreValue } from './use-store-value';

interface BriefEditorProps {
  briefId: string;
  /** Who is editing: suggestions are made in their name. */
  viewer: { id: string };
  /** Everyone of the newsroom, to name who suggested what. */
  people: readonly Colleague[];
  /** The newsroom's time zone, for the comments' times. */
  timeZone: string;
  initialMode?: EditMode;
  initialDocument: BriefDocument;
  initialHead: HeadInfo;
  /** The newsroom's rating scale: the claim review's verdicts. */
  ratingScale: RatingScale;
  /** Review and publication controls, rendered on the server. */
  workflowPanel?: ReactNode;
  workflowState?: string;
}

const PRESENCE_INTERVAL_MS = 20_000;
/** How often others' new comments are asked for. */
const THREADS_INTERVAL_MS = 15_000;

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The brief editor: question, three rich-text parts, related questions, sources and checks.
 *
 * State lives outside React: the rich text in its three ProseMirror editors (whose plugin state
 * derives the citations and paragraphs, see lib/editor/part-facts), the other fields and the
 * derived numbers and checks in a BriefStore, saving in a SaveQueue. Each panel below reads only
 * what it shows, so typing re-renders nothing that does not change.
 */
export function BriefEditor({
  briefId,
  viewer,
  people,
  timeZone,
  initialMode = 'editing',
  initialDocument,
  initialHead,
  ratingScale,
  workflowPanel,
  workflowState,
}: BriefEditorProps) {
  const router = useRouter();
  const [session] = useState(() =>
    createEditorSession(initialDocument, {
      briefId,
      authorId: viewer.id,
      mode: initialMode,
      ratingScale,
    }),
  );
  const mode = useSyncExternalStore(
    session.mode.subscribe,
    session.mode.getSnapshot,
    session.mode.getSnapshot,
  );
  const suggesting = mode === 'suggesting';
  const [composeRequest, setComposeRequest] = useState(0);
  const lastPart = useRef<RichTextPart>('summary');
  const { store, registry, editors } = session;
  const queue = useSaveQueue({
    briefId,
    initialHead,
    documentJson: session.documentJson,
    localCopy: session.localCopy,
  });
  const [picker, setPicker] = useState<RichTextPart | null>(null);
  const [editingSource, setEditingSource] = useState<{
    id: string | null;
    citeIn?: RichTextPart;
  } | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [localOffer, setLocalOffer] = useState<LocalDraft | null>(null);
  const [others, setOthers] = useState<string[]>([]);
  const conflict = useStoreValue(queue, (state) => state.conflict);
  const applyingContent = useRef(false);
  const questionInput = useRef<HTMLInputElement>(null);
  const claimInput = useRef<HTMLTextAreaElement>(null);

  // An edit can withdraw a review: then the server-rendered review panel must be redrawn.
  useEffect(() => {
    queue.onSaved = (state) => {
      // The comments' anchors as the editors moved them, now that their text is saved.
      void session.comments.syncAnchors();
      if (workflowState && state !== workflowState) router.refresh();
    };
  }, [queue, router, workflowState, session]);

  useEffect(() => {
    void session.comments.load();
    return session.comments.follow(THREADS_INTERVAL_MS);
  }, [session]);

  const edit = useCallback(
    (action: BriefFieldsAction) => {
      store.dispatch(action);
      if (!applyingContent.current) queue.edited();
    },
    [store, queue],
  );

  const onEditorReady = useCallback(
    (part: RichTextPart, editor: Editor) => {
      editors[part] = editor;
      session.mode.apply(editor);
      session.comments.attach(part, editor);
    },
    [editors, session],
  );

  const onEditorChange = useCallback(() => {
    if (!applyingContent.current) queue.edited();
  }, [queue]);

  /** Puts a whole document into the editor (restoring a local copy, or taking theirs). */
  const applyDocument = (document: BriefDocument) => {
    applyingContent.current = true;
    try {
      store.dispatch({ type: 'replaced', document });
      for (const part of richTextParts) {
        const editor = editors[part];
        // Put in as it is, even in Suggesting mode: it is a document, not an edit to suggest.
        if (editor) untracked(editor, () => editor.commands.setContent(document[part]));
      }
      session.comments.placeAll();
    } finally {
      applyingContent.current = false;
    }
    store.checkNow();
  };

  // Unconfirmed edits from an earlier visit on this device: offer them back (once, on opening).
  const checkedLocalDraft = useRef(false);
  useEffect(() => {
    if (checkedLocalDraft.current) return;
    checkedLocalDraft.current = true;
    const draft = queue.readLocalDraft();
    if (!draft) return;
    if (canonicalJson(draft.document) === canonicalJson(initialDocument)) queue.discardLocalDraft();
    else setLocalOffer(draft);
  }, [queue, initialDocument]);

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
      if (matchesChord(event, SAVE_VERSION)) {
        event.preventDefault();
        queue.save();
      }
      // Mod-Alt-M: comment on the selected text.
      if (matchesChord(event, COMMENT)) {
        event.preventDefault();
        setComposeRequest((n) => n + 1);
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
  }, [queue]);

  const insertCitation = (part: RichTextPart, sourceId: string, locator: string | null) => {
    const editor = editors[part];
    if (!editor) return;
    // Focused now, not by the focus command (which waits for the next frame): a key typed the
    // moment the citation goes in must reach the editor, after it.
    editor.view.focus();
    editor
      .chain()
      .insertContent({
        type: 'citation',
        attrs: { citationId: newCitationId(), sourceId, locator },
      })
      .scrollIntoView()
      .run();
  };

  const saveSource = (id: string | null, fields: SourceFields) => {
    const citeIn = editingSource?.citeIn;
    if (id) edit({ type: 'sourceUpdated', id, fields });
    else {
      const source: Source = { id: crypto.randomUUID(), ...fields };
      edit({ type: 'sourceAdded', source });
      if (citeIn) insertCitation(citeIn, source.id, null);
    }
    setEditingSource(null);
  };

  const goTo = (target: CheckTarget) => {
    if (target === 'question') questionInput.current?.focus();
    else if (target === 'claimReview') claimInput.current?.focus();
    else if (target === 'sources')
      document.getElementById('sources')?.scrollIntoView({ block: 'start' });
    else if (target.startsWith('source:')) {
      const id = target.slice('source:'.length);
      setHighlight(id);
      document.getElementById(`source-item-${id}`)?.scrollIntoView({ block: 'nearest' });
    } else editors[target as RichTextPart]?.commands.focus();
  };

  return (
    <div className="editor-layout">
      {/* The part last typed or selected in: where `Comment` takes its text from. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: focus is only observed here */}
      <div
        className="editor-main"
        onFocus={(event) => {
          const part = (event.target as HTMLElement).closest<HTMLElement>('[data-part]')?.dataset
            .part;
          if (part) lastPart.current = part as RichTextPart;
        }}
      >
        <ModeSwitch session={session} />
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
                  queue.discardLocalDraft();
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
        {conflict && (
          <ConflictView
            key={conflict.head.revision}
            conflict={conflict}
            session={session}
            onKeepMine={() => queue.resolveConflict('mine')}
            onTakeTheirs={() => {
              applyDocument(conflict.document);
              queue.resolveConflict('theirs');
            }}
          />
        )}
        <QuestionField
          briefId={briefId}
          session={session}
          queue={queue}
          inputRef={questionInput}
          onEdit={edit}
          locked={suggesting}
        />
        {richTextParts.map((part) => (
          <PartEditor
            key={part}
            part={part}
            initialContent={initialDocument[part]}
            session={session}
            queue={queue}
            onReady={onEditorReady}
            onChange={onEditorChange}
            onInsertCitation={setPicker}
          />
        ))}
        <RelatedField session={session} queue={queue} onEdit={edit} locked={suggesting} />
        <ClaimReviewPanel
          session={session}
          queue={queue}
          onEdit={edit}
          locked={suggesting}
          ratingScale={ratingScale}
          claimRef={claimInput}
        />
      </div>
      <aside className="editor-side" aria-label="Saving, checks and sources">
        <SavePanel briefId={briefId} queue={queue} />
        {workflowPanel}
        <LiveChecks session={session} onGoTo={goTo} />
        <SuggestionsPanel session={session} people={people} viewerId={viewer.id} />
        <CommentsPanel
          controller={session.comments}
          timeZone={timeZone}
          composeRequest={composeRequest}
          selectionAnchor={() => {
            const parts = [lastPart.current, ...richTextParts];
            for (const part of parts) {
              const anchor = session.comments.anchorOfSelection(part);
              if (anchor) return anchor;
            }
            return null;
          }}
        />
        <LiveSources
          session={session}
          queue={queue}
          briefId={briefId}
          editing={editingSource}
          highlightId={highlight}
          onEdit={(id) => setEditingSource({ id })}
          onCancel={() => setEditingSource(null)}
          onSave={saveSource}
          onDelete={(id) => edit({ type: 'sourceDeleted', id })}
          readOnly={suggesting}
        />
      </aside>
      {picker && (
        <LivePicker
          session={session}
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
            setTimeout(() => editors[part]?.commands.focus(), 0);
          }}
        />
      )}
    </div>
  );
}

function QuestionField({
  briefId,
  session,
  queue,
  inputRef,
  onEdit,
  locked,
}: {
  briefId: string;
  session: EditorSession;
  queue: SaveQueue;
  inputRef: RefObject<HTMLInputElement | null>;
  onEdit: (action: BriefFieldsAction) => void;
  /** In Suggesting mode: not changed directly. */
  locked: boolean;
}) {
  const question = useStoreValue(session.store, (snapshot) => snapshot.fields.question);
  const problems = useStoreValue(queue, (state) => state.problems.question);
  const problem = problems.join(' ');
  return (
    <div className="field question-field">
      <label htmlFor="question">Question</label>
      <input
        id="question"
        ref={inputRef}
        className="question-input"
        value={question}
        maxLength={500}
        readOnly={locked}
        aria-describedby={problem ? 'question-count question-error' : 'question-count'}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => onEdit({ type: 'questionChanged', question: event.target.value })}
      />
      <p
        id="question-count"
        className={question.trim().length > QUESTION_MAX ? 'hint over' : 'hint'}
      >
        {question.trim().length} / {QUESTION_MAX} characters
      </p>
      {problem && (
        <p className="field-error" id="question-error">
          {problem}
        </p>
      )}
      <DuplicateNotice question={question} briefId={briefId} />
    </div>
  );
}

function RelatedField({
  session,
  queue,
  onEdit,
  locked,
}: {
  session: EditorSession;
  queue: SaveQueue;
  onEdit: (action: BriefFieldsAction) => void;
  locked: boolean;
}) {
  const relatedText = useStoreValue(session.store, (snapshot) => snapshot.fields.relatedText);
  const problems = useStoreValue(queue, (state) => state.problems.relatedQuestions);
  const relatedCount = relatedFromText(relatedText).length;
  const relatedProblem = problems.join(' ');
  const describedBy = [
    'related-hint',
    relatedCount > 10 && 'related-error',
    relatedProblem && 'related-save-error',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor="related">Related questions</label>
      <p className="hint" id="related-hint">
        One question per line, at most 10. Shown as “Want to dive deeper?”.
      </p>
      <textarea
        readOnly={locked}
        id="related"
        rows={4}
        value={relatedText}
        aria-describedby={describedBy}
        aria-invalid={relatedCount > 10 || relatedProblem ? true : undefined}
        onChange={(event) => onEdit({ type: 'relatedChanged', text: event.target.value })}
      />
      {relatedCount > 10 && (
        <p className="field-error" id="related-error">
          {relatedCount} questions: remove {relatedCount - 10} (at most 10). Until then this brief
          cannot be saved to the server; your text is kept on this device.
        </p>
      )}
      {relatedProblem && (
        <p className="field-error" id="related-save-error">
          {relatedProblem}
        </p>
      )}
    </div>
  );
}

/** One rich-text part; re-renders only when the server's problem with this part changes. */
const PartEditor = memo(function PartEditor({
  part,
  initialContent,
  session,
  queue,
  onReady,
  onChange,
  onInsertCitation,
}: {
  part: RichTextPart;
  initialContent: BriefDocument[RichTextPart];
  session: EditorSession;
  queue: SaveQueue;
  onReady: (part: RichTextPart, editor: Editor) => void;
  onChange: () => void;
  onInsertCitation: (part: RichTextPart) => void;
}) {
  const problems = useStoreValue(queue, (state) => state.problems.parts[part]);
  return (
    <RichTextEditor
      part={part}
      initialContent={initialContent}
      registry={session.registry}
      onReady={onReady}
      onChange={onChange}
      onInsertCitation={onInsertCitation}
      problem={problems?.join(' ')}
      moreExtensions={session.partExtensions}
    />
  );
});

function SavePanel({ briefId, queue }: { briefId: string; queue: SaveQueue }) {
  const status = useStoreValue(queue, saveStatusOf);
  const head = useStoreValue(queue, (state) => state.head);
  const message = useStoreValue(queue, (state) => state.message);
  return (
    <section className="panel save-panel">
      <p role="status" className="save-status" data-status={status}>
        {saveStatusText[status]}
      </p>
      <p className="hint save-detail">
        {message || `Version ${head.number} by ${head.authorName}, ${formatTime(head.savedAt)}`}
      </p>
      <div className="row">
        <button
          type="button"
          className="button primary"
          aria-keyshortcuts={ariaKeyShortcuts([SAVE_VERSION])}
          onClick={queue.save}
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
      <ExportLinks briefId={briefId} versionNumber={head.number} />
    </section>
  );
}

function LiveChecks({
  session,
  onGoTo,
}: {
  session: EditorSession;
  onGoTo: (target: CheckTarget) => void;
}) {
  const checks = useStoreValue(session.store, (snapshot) => snapshot.checks);
  return <ChecksPanel checks={checks} onGoTo={onGoTo} />;
}

function LiveSources({
  session,
  queue,
  briefId,
  ...props
}: {
  session: EditorSession;
  queue: SaveQueue;
  briefId: string;
  editing: { id: string | null } | null;
  highlightId: string | null;
  onEdit: (id: string | null) => void;
  onCancel: () => void;
  onSave: (id: string | null, fields: SourceFields) => void;
  onDelete: (id: string) => void;
  readOnly: boolean;
}) {
  const sources = useStoreValue(session.store, (snapshot) => snapshot.fields.sources);
  const numbers = useStoreValue(session.store, (snapshot) => snapshot.numbers);
  const citations = useStoreValue(session.store, (snapshot) => snapshot.citations);
  const problems = useStoreValue(queue, (state) => state.problems.sources);
  const revision = useStoreValue(queue, (state) => state.head.revision);
  const { captures, archives, captureAgain } = useCaptures(briefId, revision);
  return (
    <SourcesPanel
      sources={sources}
      numbers={numbers}
      citations={citations}
      problems={problems}
      captures={captures}
      archives={archives}
      onCaptureAgain={(id) => void captureAgain(id)}
      {...props}
    />
  );
}

function LivePicker({
  session,
  ...props
}: {
  session: EditorSession;
  onChoose: (sourceId: string, locator: string | null) => void;
  onAddSource: () => void;
  onClose: () => void;
}) {
  const sources = useStoreValue(session.store, (snapshot) => snapshot.fields.sources);
  const numbers = useStoreValue(session.store, (snapshot) => snapshot.numbers);
  return <CitationPicker sources={sources} numbers={numbers} {...props} />;
}

/** The conflict, compared with this editor's text as it was when the conflict came. */
function ConflictView({
  conflict,
  session,
  onKeepMine,
  onTakeTheirs,
}: {
  conflict: Conflict;
  session: EditorSession;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const [mine] = useState(session.getDocument);
  return (
    <ConflictPanel
      conflict={conflict}
      mine={mine}
      onKeepMine={onKeepMine}
      onTakeTheirs={onTakeTheirs}
    />
  );
}
