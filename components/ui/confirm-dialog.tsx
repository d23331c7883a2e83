'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { type FormEvent, type ReactNode, type RefObject, useRef } from 'react';
import { type Ask, type DialogQuestion, useAsk, useDialogQuestion } from './use-dialog-question';

export interface ConfirmQuestion extends DialogQuestion {
  /** Names the dialog: what is about to happen ("Unpublish brief"). */
  title: string;
  /** The question itself, with its consequences. */
  description: string;
  /** The button that goes ahead; Cancel is always beside it. */
  confirmLabel: string;
  /** `danger` for what takes something away (unpublish, disable, delete). */
  tone?: 'danger' | 'primary';
}

/**
 * An in-app replacement for `window.confirm`: an alert dialog (Radix) with a title, the
 * question, a clearly named confirm button and Cancel. The focus starts on Cancel, Escape cancels,
 * and the focus goes back to the button that asked.
 *
 * `ask(question)` resolves to true when confirmed; render `dialog` anywhere in the component.
 */
export function useConfirmDialog(): {
  ask: (question: ConfirmQuestion) => Promise<boolean>;
  dialog: ReactNode;
} {
  const { ask, askRef } = useAsk<ConfirmQuestion, boolean>(false);
  return { ask, dialog: <ConfirmDialog askRef={askRef} /> };
}

function ConfirmDialog({ askRef }: { askRef: RefObject<Ask<ConfirmQuestion, boolean> | null> }) {
  const { question, open, answer, onOpenChange, contentProps } = useDialogQuestion(askRef, false);
  if (!question) return null;
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" {...contentProps}>
          <AlertDialog.Title className="dialog-title">{question.title}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">
            {question.description}
          </AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel className="button">Cancel</AlertDialog.Cancel>
            <AlertDialog.Action
              className={question.tone === 'danger' ? 'button danger' : 'button primary'}
              onClick={(event) => {
                // Closed through `answer`, so that the answer is known before the dialog goes.
                event.preventDefault();
                answer(true);
              }}
            >
              {question.confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/**
 * Gates a server-action form behind a confirm dialog. `confirmSubmit(event, question)` in the
 * form's onSubmit stops the submission, asks, and submits again (with the same submit button)
 * once confirmed. Without JavaScript the form submits unasked, as it did with `window.confirm`.
 */
export function useConfirmedSubmit(): {
  confirmSubmit: (event: FormEvent<HTMLFormElement>, question: ConfirmQuestion) => void;
  dialog: ReactNode;
} {
  const { ask, dialog } = useConfirmDialog();
  const confirmedRef = useRef(false);
  const confirmSubmit = (event: FormEvent<HTMLFormElement>, question: ConfirmQuestion) => {
    if (confirmedRef.current) return;
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void ask(question).then((confirmed) => {
      if (!confirmed) return;
      // requestSubmit dispatches the submit event at once: this handler sees the flag then.
      confirmedRef.current = true;
      try {
        form.requestSubmit(submitter);
      } finally {
        confirmedRef.current = false;
      }
    });
  };
  return { confirmSubmit, dialog };
}
