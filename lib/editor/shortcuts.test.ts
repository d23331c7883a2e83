import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Extensions, getExtensionField, resolveExtensions } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { bodyExtensions, inlineExtensions } from '@/lib/content/extensions';
import {
  ariaKeyShortcuts,
  type Chord,
  chordText,
  isApplePlatform,
  type KeyPress,
  keyLabels,
  matchesChord,
  parseChord,
  shortcutGroups,
} from './shortcuts';

const root = path.resolve(import.meta.dirname, '../..');
const source = (file: string) => readFileSync(path.join(root, file), 'utf8');

const order = ['Mod', 'Ctrl', 'Meta', 'Alt', 'Shift'];
/** `Shift-Mod-z` and `Mod-Shift-z` are one chord. */
function normalize(chord: Chord): Chord {
  const { modifiers, key } = parseChord(chord);
  const sorted = [...modifiers].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return [...sorted, key].join('-');
}

/** The keys bound by the extensions' own keymaps (not the core keymap TipTap always adds). */
function keymapKeys(extensions: Extensions): Set<Chord> {
  const keys = new Set<Chord>();
  for (const extension of resolveExtensions(extensions)) {
    const add = getExtensionField<() => Record<string, unknown>>(
      extension,
      'addKeyboardShortcuts',
      {
        name: extension.name,
        options: extension.options,
        storage: {},
        editor: {} as never,
        type: null,
      },
    );
    if (add) for (const key of Object.keys(add())) keys.add(normalize(key));
  }
  return keys;
}

/**
 * Bound by TipTap but not listed: the keys of plain typing (Enter, Backspace, Delete), the
 * uppercase twins of Mod-b and Mod-i, and undo and redo on a Russian layout (the same keys).
 */
const notListed = new Set([
  'Enter',
  'Backspace',
  'Delete',
  'Mod-Backspace',
  'Mod-Delete',
  'Mod-B',
  'Mod-I',
  'Mod-я',
  'Mod-Shift-я',
]);

const sheetKeys = (title: string) =>
  new Set(
    shortcutGroups
      .find((group) => group.title === title)
      ?.shortcuts.flatMap((shortcut) => shortcut.keys.map(normalize)),
  );

describe('the shortcut sheet', () => {
  it('lists exactly the formatting and history keys the editors bind', () => {
    const bound = new Set(
      [...keymapKeys(bodyExtensions), ...keymapKeys(inlineExtensions)].filter(
        (key) => !notListed.has(key),
      ),
    );
    const listed = new Set([...sheetKeys('Brief editor'), ...sheetKeys('Formatting')]);
    // Saving and citing are the app's own (below), not TipTap's.
    listed.delete('Mod-s');
    listed.delete('Mod-Shift-k');
    expect([...listed].sort()).toEqual([...bound].sort());
  });

  it('lists a body-only key as such', () => {
    const inline = keymapKeys(inlineExtensions);
    for (const shortcut of shortcutGroups.find((g) => g.title === 'Formatting')?.shortcuts ?? []) {
      const inSummary = shortcut.keys.every((key) => inline.has(normalize(key)));
      if (!inSummary) expect(shortcut.where, shortcut.does).toMatch(/^Body/);
    }
  });

  it('has the keys the app’s own handlers read', () => {
    const uses = (file: string, ...names: string[]) => {
      const text = source(file);
      for (const name of names) expect(text, `${file} uses ${name}`).toContain(name);
    };
    uses('components/editor/citation-node-view.ts', '[INSERT_CITATION]');
    uses('components/editor/brief-editor.tsx', 'matchesChord(event, SAVE_VERSION)');
    uses('components/editor/brief-editor.tsx', 'matchesChord(event, COMMENT)');
    uses('components/comments/review-comments.tsx', 'matchesChord(event, COMMENT)');
    uses('components/comments/comments-panel.tsx', 'matchesChord(event, POST_COMMENT)');
    uses('components/shortcuts/shortcut-sheet.tsx', 'SHOW_SHORTCUTS_KEY', 'SHOW_SHORTCUTS_CHORD');
  });

  it('has the keys written out in the components', () => {
    const picker = source('components/editor/citation-picker.tsx');
    for (const key of ["'ArrowDown'", "'ArrowUp'", "'Enter'"]) expect(picker).toContain(key);
    expect(source('components/comments/comments-panel.tsx')).toContain(
      "event.key === 'Escape') onCancel()",
    );
  });

  it('has no chord twice in one group', () => {
    for (const group of shortcutGroups) {
      const keys = group.shortcuts.flatMap((s) => s.keys.map(normalize));
      expect(new Set(keys).size, group.title).toBe(keys.length);
    }
  });
});

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...more,
});

describe('matchesChord', () => {
  it('takes Ctrl and ⌘ alike for Mod', () => {
    expect(matchesChord(press('s', { ctrlKey: true }), 'Mod-s')).toBe(true);
    expect(matchesChord(press('s', { metaKey: true }), 'Mod-s')).toBe(true);
    // Caps Lock on: the letter is a capital, without Shift.
    expect(matchesChord(press('S', { ctrlKey: true }), 'Mod-s')).toBe(true);
  });

  it('refuses other modifiers', () => {
    expect(matchesChord(press('s'), 'Mod-s')).toBe(false);
    expect(matchesChord(press('s', { ctrlKey: true, shiftKey: true }), 'Mod-s')).toBe(false);
    // AltGr is Ctrl+Alt on Windows: AltGr+S types a letter, it does not save.
    expect(matchesChord(press('ś', { ctrlKey: true, altKey: true, code: 'KeyS' }), 'Mod-s')).toBe(
      false,
    );
    expect(matchesChord(press('?', { ctrlKey: true, shiftKey: true }), '?')).toBe(false);
  });

  it('finds a letter typed with Alt by its place', () => {
    const macOptionM = press('µ', { metaKey: true, altKey: true, code: 'KeyM' });
    expect(matchesChord(macOptionM, 'Mod-Alt-m')).toBe(true);
    expect(matchesChord(press('m', { ctrlKey: true }), 'Mod-Alt-m')).toBe(false);
  });

  it('finds a letter of a non-Latin layout by its place, a Latin one by its letter', () => {
    expect(matchesChord(press('ы', { ctrlKey: true, code: 'KeyS' }), 'Mod-s')).toBe(true);
    // Dvorak: the key in QWERTY's S place types "o".
    expect(matchesChord(press('o', { ctrlKey: true, code: 'KeyS' }), 'Mod-s')).toBe(false);
  });

  it('takes ? and / with or without Shift, as the layout types them', () => {
    expect(matchesChord(press('?', { shiftKey: true }), '?')).toBe(true);
    expect(matchesChord(press('/', { ctrlKey: true }), 'Mod-/')).toBe(true);
    expect(matchesChord(press('/', { ctrlKey: true, shiftKey: true }), 'Mod-/')).toBe(true);
    expect(matchesChord(press('/'), 'Mod-/')).toBe(false);
  });

  it('takes Enter with Mod only', () => {
    expect(matchesChord(press('Enter', { metaKey: true }), 'Mod-Enter')).toBe(true);
    expect(matchesChord(press('Enter'), 'Mod-Enter')).toBe(false);
  });
});

describe('how a chord is shown', () => {
  it('names keys as the device does', () => {
    expect(chordText('Mod-Shift-k', false)).toBe('Ctrl+Shift+K');
    expect(chordText('Mod-Shift-k', true)).toBe('⌘⇧K');
    expect(chordText('Mod-Alt-m', true)).toBe('⌘⌥M');
    expect(chordText('Mod-/', false)).toBe('Ctrl+/');
    expect(keyLabels('Mod-Alt-2', true)).toEqual([
      { text: '⌘', name: 'Command' },
      { text: '⌥', name: 'Option' },
      { text: '2' },
    ]);
    expect(keyLabels('Escape', false)).toEqual([{ text: 'Esc', name: 'Escape' }]);
  });

  it('spells aria-keyshortcuts as WAI-ARIA does', () => {
    expect(ariaKeyShortcuts(['Mod-Alt-m'])).toBe('Control+Alt+M Meta+Alt+M');
    expect(ariaKeyShortcuts(['Mod-b'], true)).toBe('Meta+B');
    expect(ariaKeyShortcuts(['Mod-Shift-z', 'Mod-y'], false)).toBe('Control+Shift+Z Control+Y');
    expect(ariaKeyShortcuts(['?', 'Mod-/'])).toBe('Shift+? Control+/ Meta+/');
  });

  it('knows Apple devices', () => {
    expect(isApplePlatform('MacIntel')).toBe(true);
    expect(isApplePlatform('macOS')).toBe(true);
    expect(isApplePlatform('iPhone')).toBe(true);
    expect(isApplePlatform('Linux x86_64')).toBe(false);
    expect(isApplePlatform('Windows')).toBe(false);
  });

  it('refuses a chord it cannot read', () => {
    expect(() => parseChord('Hyper-k')).toThrow(/Hyper/);
  });
});
