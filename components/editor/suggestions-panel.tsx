'use client';

import * as suggestChangesLibrary from '@handlewithcare/prosemirror-suggest-changes';
import type { Editor } from '@tiptap/core';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Colleague } from '@/lib/comments/schemas';
import { emptyRichDoc } from '@/lib/content/document';
import { type RichTextPart, richTextParts } from '@/lib/content/extensions';
import type { RichNode } from '@/lib/content/numbering';
import { partLabels } from '@/lib/content/parts';
import { suggestionCommands } from '@/lib/content/suggestion-commands';
import { type PendingSuggestion, pendingSuggestions } from '@/lib/content/suggestions';
import type { EditMode, EditorSession } from './editor-session';
import { useStoreValue } from './use-store-value';

const LIST_DELAY_MS = 150;
const commands = suggestionCommands(suggestChangesLibrary);

function excerpt(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed.length > 100 ? `${trimmed.slice(0, 99)}…` : trimmed;
}

function describeSuggestion(suggestion: PendingSuggestion): string {
  const parts: string[] = [];
  if (suggestion.deleted && suggestion.inserted) {
    return `replace “${excerpt(suggestion.deleted)}” with “${excerpt(suggestion.inserted)}”`;
  }
  if (suggestion.inserted) parts.push(`add “${excerpt(suggestion.inserted)}”`);
  if (suggestion.deleted) parts.push(`delete “${excerpt(suggestion.deleted)}”`);
  if (suggestion.modified) parts.push('change formatting or a pinpoint');
  return parts.join(', ') || 'change the layout';
}

/** `Editing` / `Suggesting`: how the three parts take what is typed. */
export function ModeSwitch({ session }: { session: EditorSession }) {
  const mode = useSyncExternalStore(
    session.mode.subscribe,
    session.mode.getSnapshot,
    session.mode.getSnapshot,
  );
  const notice = useSyncExternalStore(
    session.mode.subscribe,
    session.mode.getNotice,
    session.mode.getNotice,
  );
  const choose = (next: EditMode) => session.mode.set(next);
  return (
    <fieldset className="mode-switch">
      <legend>Mode</legend>
      {(['editing', 'suggesting'] as const).map((value) => (
        <label key={value} className={mode === value ? 'chosen' : undefined}>
          <input
            type="radio"
            name="edit-mode"
            value={value}
            checked={mode === value}
            onChange={() => choose(value)}
          />
          {value === 'editing' ? 'Editing' : 'Suggesting'}
        </label>
      ))}
      {mode === 'suggesting' && notice && (
        <p className="hint field-error" role="status">
          {notice}
        </p>
      )}
      {mode === 'suggesting' && (
        <p className="hint">
          What you type and delete in the summary, the body and the limitations becomes a suggestion
          in your name; the question, related questions and sources are locked (comment on them
          instead).
        </p>
      )}
    </fieldset>
  );
}

/**
 * The pending suggestions, listed beside the text: `Accept` or `Reject` each, or all at once.
 * Accepting a reviewer's suggestion makes them a writer of the brief, who can no longer approve
 * it (two-person rule): the panel says so before anyone presses Accept.
 */
export function SuggestionsPanel({
  session,
  people,
  viewerId,
}: {
  session: EditorSession;
  people: readonly Colleague[];
  viewerId: string;
}) {
  const parts = useStoreValue(session.store, (snapshot) => snapshot.parts);
  const pending = richTextParts.reduce((sum, part) => sum + parts[part].suggestedNodes, 0);
  const [listed, setListed] = useState<PendingSuggestion[]>([]);

  // Listed after a short pause: a suggestion being typed changes with every key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the parts' facts say when text changed
  useEffect(() => {
    if (pending === 0) {
      setListed([]);
      return;
    }
    const timer = setTimeout(() => {
      const parts = Object.fromEntries(
        richTextParts.map((part) => [
          part,
          (session.editors[part]?.getJSON() as RichNode | undefined) ?? emptyRichDoc(),
        ]),
      ) as Record<RichTextPart, RichNode>;
      setListed(pendingSuggestions(parts));
    }, LIST_DELAY_MS);
    return () => clearTimeout(timer);
  }, [parts, pending, session]);

  if (pending === 0) return null;
  const byId = new Map(people.map((person) => [person.id, person]));
  const nameOf = (id: string | null) => (id && byId.get(id)?.name) || 'Someone';
  // Whose acceptance would take away a review: other people who may approve.
  const reviewersAmong = (suggestions: readonly PendingSuggestion[]) => [
    ...new Set(
      suggestions
        .map((s) => s.authorId)
        .filter((id): id is string => {
          const role = id && id !== viewerId ? byId.get(id)?.role : undefined;
          return role === 'reviewer' || role === 'admin';
        }),
    ),
  ];
  const run = (editor: Editor | undefined, command: typeof commands.acceptAll) => {
    if (!editor) return;
    command(editor.state, editor.view.dispatch);
  };
  const everywhere = (command: typeof commands.acceptAll) => {
    for (const part of richTextParts) run(session.editors[part], command);
  };
  const allReviewers = reviewersAmong(listed);

  return (
    <section className="panel suggestions-panel" aria-labelledby="suggestions-heading">
      <div className="panel-head">
        <h2 id="suggestions-heading">Suggestions ({listed.length})</h2>
      </div>
      <div className="row">
        <button type="button" className="button" onClick={() => everywhere(commands.acceptAll)}>
          Accept all
        </button>
        <button type="button" className="button" onClick={() => everywhere(commands.rejectAll)}>
          Reject all
        </button>
      </div>
      {allReviewers.length > 0 && (
        <p className="hint two-person-note">
          Accepting all makes {allReviewers.map(nameOf).join(' and ')} a writer of this brief: they
          can then no longer approve it.
        </p>
      )}
      <ol className="suggestion-list">
        {listed.map((suggestion) => {
          const author = nameOf(suggestion.authorId);
          const takesAwayReview = reviewersAmong([suggestion]).length > 0;
          return (
            <li
              key={suggestion.id}
              className="suggestion"
              aria-label={`Suggestion by ${author}: ${describeSuggestion(suggestion)}`}
            >
              <p>
                <strong>{author}</strong> suggests to {describeSuggestion(suggestion)}{' '}
                <span className="hint">· {partLabels[suggestion.part]}</span>
              </p>
              {takesAwayReview && (
                <p className="hint two-person-note">
                  Accepting makes {author} a writer of this brief: {author} can then no longer
                  approve it.
                </p>
              )}
              <div className="row">
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    run(session.editors[suggestion.part], commands.accept(suggestion.id))
                  }
                >
                  Accept
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    run(session.editors[suggestion.part], commands.reject(suggestion.id))
                  }
                >
                  Reject
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
