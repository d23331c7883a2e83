'use client';

import { type RefObject, useCallback, useImperativeHandle, useRef, useState } from 'react';

export interface DialogQuestion {
  /**
   * Where the focus goes when the dialog closes. By default it goes back to whatever had it when
   * the dialog opened (the button that asked).
   */
  returnFocus?: () => void;
}

/** Asks a question; the promise holds the answer. */
export type Ask<Question, Answer> = (question: Question) => Promise<Answer>;

/**
 * The asking side of a dialog: a stable `ask` for the component that needs an answer, and the
 * ref through which the dialog's own component (see useDialogQuestion) answers it. The dialog's
 * state lives in that component so that opening it re-renders nothing else: a form around it
 * keeps its fields exactly as they are (a re-render would set a controlled hidden input back to
 * its prop).
 */
export function useAsk<Question, Answer>(
  cancelled: Answer,
): { ask: Ask<Question, Answer>; askRef: RefObject<Ask<Question, Answer> | null> } {
  const askRef = useRef<Ask<Question, Answer>>(null);
  const ask = useCallback(
    (question: Question) => askRef.current?.(question) ?? Promise.resolve(cancelled),
    [cancelled],
  );
  return { ask, askRef };
}

interface Pending<Question, Answer> {
  question: Question;
  resolve: (answer: Answer) => void;
}

/**
 * The state of a dialog that answers the questions asked through `askRef` (see useAsk), one at a
 * time, for the confirm and prompt dialogs. The answer arrives only once the dialog has closed and the focus is
 * back where it belongs, so that what the caller does next (submit a form, edit the document)
 * starts from there.
 *
 * Radix's modal content sends the focus back only to its own Trigger; these dialogs are opened by
 * code (a form's submit, a toolbar command), so the element that had the focus is noted when the
 * dialog opens and focused again when it closes.
 */
export function useDialogQuestion<Question extends DialogQuestion, Answer>(
  askRef: RefObject<Ask<Question, Answer> | null>,
  cancelled: Answer,
) {
  const [pending, setPending] = useState<Pending<Question, Answer> | null>(null);
  const [open, setOpen] = useState(false);
  const answerRef = useRef<Answer>(cancelled);
  const openerRef = useRef<HTMLElement | null>(null);

  const ask = useCallback(
    (question: Question) =>
      new Promise<Answer>((resolve) => {
        answerRef.current = cancelled;
        // A question still open is cancelled by the new one, so that its asker is not left waiting.
        setPending((previous) => {
          previous?.resolve(cancelled);
          return { question, resolve };
        });
        setOpen(true);
      }),
    [cancelled],
  );
  useImperativeHandle(askRef, () => ask, [ask]);

  const answer = (value: Answer) => {
    answerRef.current = value;
    setOpen(false);
  };

  const onOpenChange = (nowOpen: boolean) => {
    // Radix asks to close on Escape (and, for plain dialogs, a click outside): a cancel.
    if (!nowOpen) setOpen(false);
  };

  const onOpenAutoFocus = () => {
    // Called before Radix moves the focus into the dialog: the active element is the opener.
    openerRef.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
  };

  const onCloseAutoFocus = (event: Event) => {
    event.preventDefault();
    if (!pending) return;
    if (pending.question.returnFocus) pending.question.returnFocus();
    else openerRef.current?.focus();
    openerRef.current = null;
    pending.resolve(answerRef.current);
    setPending(null);
  };

  return {
    question: pending?.question ?? null,
    open,
    answer,
    onOpenChange,
    contentProps: { onOpenAutoFocus, onCloseAutoFocus },
  };
}
