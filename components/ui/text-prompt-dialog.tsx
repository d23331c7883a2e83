'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { type ReactNode, type RefObject, useId, useRef, useState } from 'react';
import { type Ask, type DialogQuestion, useAsk, useDialogQuestion } from './use-dialog-question';

export interface TextPromptQuestion extends DialogQuestion {
  /** Names the dialog ("Add link"). */
  title: string;
  /** What the value is for and what it may be. */
  description: string;
  /** The field's label. */
  label: string;
  /** The button that accepts the value; Cancel is always beside it. */
  submitLabel: string;
  initialValue?: string;
  placeholder?: string;
  maxLength?: number;
  /** Why the value cannot be used, shown under the field; null when it can. */
  validate?: (value: string) => string | null;
}

/**
 * An in-app replacement for `window.prompt`: a dialog (Radix) with a labelled field, an inline
 * error when the value is refused (what was typed stays), Enter to accept and Escape to cancel.
 * The focus starts in the field and goes back to the opener, or wherever `returnFocus` says.
 *
 * `ask(question)` resolves to the accepted value, or null when cancelled; render `dialog`
 * anywhere in the component.
 */
export function useTextPromptDialog(): {
  ask: (question: TextPromptQuestion) => Promise<string | null>;
  dialog: ReactNode;
} {
  const { ask, askRef } = useAsk<TextPromptQuestion, string | null>(null);
  return { ask, dialog: <TextPromptDialog askRef={askRef} /> };
}

function TextPromptDialog({
  askRef,
}: {
  askRef: RefObject<Ask<TextPromptQuestion, string | null> | null>;
}) {
  const { question, open, answer, onOpenChange, contentProps } = useDialogQuestion(askRef, null);
  if (!question) return null;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" {...contentProps}>
          <Dialog.Title className="dialog-title">{question.title}</Dialog.Title>
          <Dialog.Description className="dialog-description">
            {question.description}
          </Dialog.Description>
          <TextPromptForm question={question} onAccept={answer} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function TextPromptForm({
  question,
  onAccept,
}: {
  question: TextPromptQuestion;
  onAccept: (value: string) => void;
}) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(question.initialValue ?? '');
  const [error, setError] = useState<string | null>(null);
  // Counts refusals: each one is a new alert, announced again even with the same words.
  const [refusals, setRefusals] = useState(0);
  const errorId = `${id}-error`;
  return (
    <form
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // The dialog is portalled, but React still bubbles its events to the opener's tree.
        event.stopPropagation();
        const problem = question.validate?.(value) ?? null;
        setError(problem);
        if (problem) {
          setRefusals((count) => count + 1);
          inputRef.current?.focus();
        } else onAccept(value);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-input`}>{question.label}</label>
        <input
          ref={inputRef}
          id={`${id}-input`}
          value={value}
          maxLength={question.maxLength}
          placeholder={question.placeholder}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setValue(event.target.value)}
        />
        {error && (
          <p key={refusals} id={errorId} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <Dialog.Close className="button">Cancel</Dialog.Close>
        <button type="submit" className="button primary">
          {question.submitLabel}
        </button>
      </div>
    </form>
  );
}
