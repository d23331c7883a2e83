'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { Fragment, useEffect, useId, useRef, useState } from 'react';
import {
  ariaKeyShortcuts,
  type Chord,
  keyLabels,
  matchesChord,
  SHOW_SHORTCUTS_CHORD,
  SHOW_SHORTCUTS_KEY,
  shortcutGroups,
} from '@/lib/editor/shortcuts';
import styles from './shortcut-sheet.module.css';
import { useApplePlatform } from './use-apple-platform';

const notTyping = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/** Where `?` is a character being typed, not a shortcut. */
function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !notTyping.has(target.type);
}

/**
 * The keyboard shortcut sheet, mounted once in the newsroom's layout: a "Keyboard shortcuts"
 * button, `?` (outside text fields) or Ctrl/⌘+/ (anywhere, the editor included) open a dialog
 * listing every shortcut (lib/editor/shortcuts). Escape closes it and the focus goes back to
 * where it was.
 */
export function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  const apple = useApplePlatform();
  const id = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const asked =
        matchesChord(event, SHOW_SHORTCUTS_CHORD) ||
        (matchesChord(event, SHOW_SHORTCUTS_KEY) && !isTypingIn(event.target));
      if (!asked) return;
      // Not over another dialog, nor again over itself.
      if (event.target instanceof Element && event.target.closest('[role$="dialog"]')) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        className={`link-button ${styles.trigger}`}
        aria-keyshortcuts={ariaKeyShortcuts([SHOW_SHORTCUTS_KEY, SHOW_SHORTCUTS_CHORD])}
      >
        Keyboard shortcuts
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className={`dialog ${styles.sheet}`}
          // Called before Radix moves the focus in: what has it now is where it goes back to.
          onOpenAutoFocus={() => {
            opener.current =
              document.activeElement instanceof HTMLElement ? document.activeElement : null;
          }}
          // Radix would focus the trigger; opened by a key, the focus belongs where it was.
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            opener.current?.focus();
            opener.current = null;
          }}
        >
          <div className={styles.head}>
            <Dialog.Title className="dialog-title">Keyboard shortcuts</Dialog.Title>
            <Dialog.Close className="button">Close</Dialog.Close>
          </div>
          <Dialog.Description className="dialog-description">
            Press <Keys chord={SHOW_SHORTCUTS_KEY} apple={apple} /> outside a text field, or{' '}
            <Keys chord={SHOW_SHORTCUTS_CHORD} apple={apple} /> anywhere, to show this list.
          </Dialog.Description>
          <div className={styles.groups}>
            {shortcutGroups.map((group, index) => (
              <section
                key={group.title}
                className={styles.group}
                aria-labelledby={`${id}-${index}`}
              >
                <h3 id={`${id}-${index}`}>{group.title}</h3>
                {group.note && <p className={styles.note}>{group.note}</p>}
                <dl>
                  {group.shortcuts.map((shortcut) => (
                    <div key={shortcut.does} className={styles.row}>
                      <dt>
                        {shortcut.keys.map((chord, n) => (
                          <Fragment key={chord}>
                            {n > 0 && <span className={styles.or}> or </span>}
                            <Keys chord={chord} apple={apple} />
                          </Fragment>
                        ))}
                      </dt>
                      <dd>
                        {shortcut.does}
                        {shortcut.where && <span className={styles.where}>{shortcut.where}</span>}
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A chord as key caps: `<kbd><kbd>Ctrl</kbd>+<kbd>K</kbd></kbd>`, symbols named for readers. */
function Keys({ chord, apple }: { chord: Chord; apple: boolean }) {
  return (
    <kbd className={styles.chord}>
      {keyLabels(chord, apple).map((label, n) => (
        <Fragment key={label.text}>
          {n > 0 && (apple ? <span className="visually-hidden">+</span> : '+')}
          <kbd className={styles.cap}>
            {label.name ? (
              <>
                <span aria-hidden="true">{label.text}</span>
                <span className="visually-hidden">{label.name}</span>
              </>
            ) : (
              label.text
            )}
          </kbd>
        </Fragment>
      ))}
    </kbd>
  );
}
