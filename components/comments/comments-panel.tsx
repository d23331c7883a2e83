'use client';

import { type FormEvent, useEffect, useState, useSyncExternalStore } from 'react';
import type { ThreadView } from '@/lib/comments/schemas';
import { readableQuote } from '@/lib/content/anchor-text';
import { partLabels } from '@/lib/content/parts';
import { ariaKeyShortcuts, COMMENT, matchesChord, POST_COMMENT } from '@/lib/editor/shortcuts';
import type { CommentsController } from './comments-controller';

type NewAnchor = NonNullable<ReturnType<CommentsController['anchorOfSelection']>>;

function when(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
}

function shortQuote(quote: string): string {
  const text = readableQuote(quote);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/**
 * The comment threads of a brief beside its text: `Comment` on the selected text (or
 * Ctrl/⌘+Alt+M), threads with replies, `Resolve` and `Reopen`, open ones first. A click on a
 * thread's quote shows its text; a click on highlighted text opens its thread here.
 */
export function CommentsPanel({
  controller,
  selectionAnchor,
  timeZone,
  composeRequest,
}: {
  controller: CommentsController;
  /** The selected text of the part last focused, as a new thread's anchor (null: none). */
  selectionAnchor: () => NewAnchor | null;
  timeZone: string;
  /** Changes each time the keyboard shortcut asks for a new comment. */
  composeRequest?: number;
}) {
  const snapshot = useSyncExternalStore(
    controller.subscribe,
    controller.getSnapshot,
    controller.getSnapshot,
  );
  const [composing, setComposing] = useState<NewAnchor | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const { threads, activeId, detachedIds } = snapshot;

  const compose = () => {
    const anchor = selectionAnchor();
    if (!anchor) {
      setHint('Select the text to comment on, then press Comment.');
      return;
    }
    setHint(null);
    setComposing(anchor);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new request, not new props, opens it
  useEffect(() => {
    if (composeRequest) compose();
  }, [composeRequest]);

  // Highlighted text clicked in the editor: its thread comes into view here.
  useEffect(() => {
    if (activeId) {
      document.getElementById(`thread-${activeId}`)?.scrollIntoView({ block: 'nearest' });
    }
  }, [activeId]);

  const open = threads.filter((t) => !t.resolvedAt);
  const resolved = threads.filter((t) => t.resolvedAt);
  const list = (shown: readonly ThreadView[]) => (
    <ol className="thread-list">
      {shown.map((thread) => (
        <Thread
          key={thread.id}
          thread={thread}
          active={thread.id === activeId}
          detached={detachedIds.has(thread.id) || thread.detached}
          controller={controller}
          timeZone={timeZone}
        />
      ))}
    </ol>
  );

  return (
    // "Discussion", not "Comments": the review screen's `Comment` field keeps its name to itself.
    <section className="panel comments-panel" aria-labelledby="comments-heading">
      <div className="panel-head">
        <h2 id="comments-heading">
          Discussion{' '}
          <span className="hint">{open.length ? `${open.length} open` : 'none open'}</span>
        </h2>
        <button
          type="button"
          className="button"
          aria-keyshortcuts={ariaKeyShortcuts([COMMENT])}
          title="Comment on the selected text (Ctrl/⌘+Alt+M)"
          // Keeps the text selected in the editor while the button is pressed.
          onMouseDown={(event) => event.preventDefault()}
          onClick={compose}
        >
          Comment
        </button>
      </div>
      {hint && (
        <p className="hint" role="status">
          {hint}
        </p>
      )}
      {snapshot.error && (
        <p className="field-error" role="alert">
          {snapshot.error}
        </p>
      )}
      {composing && (
        <NewThreadForm
          anchor={composing}
          onPost={async (body) => {
            await controller.start(composing, body);
            setComposing(null);
          }}
          onCancel={() => setComposing(null)}
        />
      )}
      {threads.length === 0 && !composing && (
        <p className="hint">
          Select text in the summary, the body or the limitations and press Comment. Mention someone
          with @ and their name to tell them.
        </p>
      )}
      {list(open)}
      {resolved.length > 0 && (
        <details className="resolved-threads">
          <summary>Resolved ({resolved.length})</summary>
          {list(resolved)}
        </details>
      )}
    </section>
  );
}

function CommentField({
  onPost,
  onCancel,
  postLabel = 'Post',
  extra,
}: {
  onPost: (body: string, resolve?: boolean) => Promise<void>;
  onCancel: () => void;
  postLabel?: string;
  extra?: { label: string; resolve: boolean };
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (resolve?: boolean) => {
    if (!body.trim()) {
      setError('Write a comment first.');
      return;
    }
    setBusy(true);
    try {
      await onPost(body, resolve);
      setBody('');
      setError(null);
    } catch (failure) {
      // What was typed stays in the field.
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="comment-form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void send();
      }}
    >
      <textarea
        aria-label="Write a comment"
        value={body}
        rows={3}
        maxLength={5000}
        // biome-ignore lint/a11y/noAutofocus: the field opened by pressing Comment or Reply
        autoFocus
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (matchesChord(event, POST_COMMENT)) {
            event.preventDefault();
            void send();
          }
          if (event.key === 'Escape') onCancel();
        }}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {postLabel}
        </button>
        {extra && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void send(extra.resolve)}
          >
            {extra.label}
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function NewThreadForm({
  anchor,
  onPost,
  onCancel,
}: {
  anchor: NewAnchor;
  onPost: (body: string) => Promise<void>;
  onCancel: () => void;
}) {
  return (
    <fieldset className="thread new-thread">
      <legend className="visually-hidden">New comment</legend>
      <p className="hint">
        On {partLabels[anchor.part]}: <q>{shortQuote(anchor.quote)}</q>
      </p>
      <CommentField onPost={(body) => onPost(body)} onCancel={onCancel} />
    </fieldset>
  );
}

function Thread({
  thread,
  active,
  detached,
  controller,
  timeZone,
}: {
  thread: ThreadView;
  active: boolean;
  detached: boolean;
  controller: CommentsController;
  timeZone: string;
}) {
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resolved = thread.resolvedAt !== null;
  const setResolved = async (value: boolean) => {
    try {
      await controller.setResolved(thread.id, value);
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <li
      id={`thread-${thread.id}`}
      className={`thread${active ? ' active' : ''}${resolved ? ' resolved' : ''}`}
      aria-label={`Comment thread on “${shortQuote(thread.quote)}”`}
    >
      <p className="thread-quote">
        {detached ? (
          <span className="badge warn">Detached</span>
        ) : resolved ? (
          <span className="badge ok">Resolved</span>
        ) : null}{' '}
        <button
          type="button"
          className="link-button"
          title={detached ? 'The text was deleted' : 'Show this text'}
          disabled={detached}
          onClick={() => controller.activate(thread.id, true)}
        >
          <q>{shortQuote(thread.quote)}</q>
        </button>
        <span className="hint"> · {partLabels[thread.part]}</span>
      </p>
      <ol className="comment-list">
        {thread.comments.map((comment) => (
          <li key={comment.id} className="comment">
            <p className="comment-meta">
              <strong>{comment.author.name}</strong>{' '}
              <time dateTime={comment.createdAt}>{when(comment.createdAt, timeZone)}</time>
            </p>
            <p className="comment-body">{comment.body}</p>
          </li>
        ))}
      </ol>
      {resolved && thread.resolvedBy && (
        <p className="hint">
          Resolved by {thread.resolvedBy.name}, {when(thread.resolvedAt!, timeZone)}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {replying ? (
        <CommentField
          onPost={async (body, resolve) => {
            await controller.reply(thread.id, body, resolve);
            setReplying(false);
          }}
          onCancel={() => setReplying(false)}
          extra={resolved ? undefined : { label: 'Post and resolve', resolve: true }}
        />
      ) : (
        <div className="row">
          <button type="button" className="button" onClick={() => setReplying(true)}>
            Reply
          </button>
          {resolved ? (
            <button type="button" className="button" onClick={() => void setResolved(false)}>
              Reopen
            </button>
          ) : (
            <button type="button" className="button" onClick={() => void setResolved(true)}>
              Resolve
            </button>
          )}
        </div>
      )}
    </li>
  );
}
