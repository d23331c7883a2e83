/**
 * Every keyboard shortcut of the newsroom, as data: the shortcut sheet (components/shortcuts)
 * lists them, and the handlers of the app's own shortcuts read their keys from here. The editor's
 * formatting keys are TipTap's (lib/content/extensions); shortcuts.test.ts holds this list to
 * them, so that neither can change without the other.
 *
 * A chord is written as ProseMirror writes it: modifiers then the key, joined by `-`
 * (`Mod-Shift-k`); `Mod` is ⌘ on Apple devices and Ctrl elsewhere.
 */

export type Chord = string;

export interface Shortcut {
  /** Alternatives: pressing any one of them does it. */
  keys: readonly Chord[];
  does: string;
  /** Where it works, when that is narrower than its group. */
  where?: string;
}

export interface ShortcutGroup {
  title: string;
  /** What holds for the whole group. */
  note?: string;
  shortcuts: readonly Shortcut[];
}

/** Opens the shortcut sheet: `?` outside text fields, Ctrl/⌘+/ anywhere. */
export const SHOW_SHORTCUTS_KEY: Chord = '?';
export const SHOW_SHORTCUTS_CHORD: Chord = 'Mod-/';
export const SAVE_VERSION: Chord = 'Mod-s';
export const INSERT_CITATION: Chord = 'Mod-Shift-k';
export const COMMENT: Chord = 'Mod-Alt-m';
export const POST_COMMENT: Chord = 'Mod-Enter';

/** The editor's keys, also shown on its toolbar's buttons. */
export const editorKeys = {
  undo: ['Mod-z'],
  redo: ['Mod-Shift-z', 'Mod-y'],
  lineBreak: ['Shift-Enter', 'Mod-Enter'],
  bold: ['Mod-b'],
  italic: ['Mod-i'],
  paragraph: ['Mod-Alt-0'],
  heading2: ['Mod-Alt-2'],
  heading3: ['Mod-Alt-3'],
  bulletList: ['Mod-Shift-8'],
  orderedList: ['Mod-Shift-7'],
  quote: ['Mod-Shift-b'],
  insertCitation: [INSERT_CITATION],
} as const satisfies Record<string, readonly Chord[]>;

export const shortcutGroups: readonly ShortcutGroup[] = [
  {
    title: 'Newsroom',
    shortcuts: [
      {
        keys: [SHOW_SHORTCUTS_KEY, SHOW_SHORTCUTS_CHORD],
        does: 'Show these keyboard shortcuts',
        where: '? outside text fields',
      },
      { keys: ['Escape'], does: 'Close a dialog' },
    ],
  },
  {
    title: 'Brief editor',
    shortcuts: [
      { keys: [SAVE_VERSION], does: 'Save version' },
      { keys: editorKeys.insertCitation, does: 'Insert citation at the cursor' },
      { keys: editorKeys.undo, does: 'Undo' },
      { keys: editorKeys.redo, does: 'Redo' },
      { keys: editorKeys.lineBreak, does: 'Line break within a paragraph' },
    ],
  },
  {
    title: 'Formatting',
    note: 'In Suggesting mode the layout (headings, lists, quotes) stays as it is.',
    shortcuts: [
      { keys: editorKeys.bold, does: 'Bold' },
      { keys: editorKeys.italic, does: 'Italic' },
      { keys: editorKeys.paragraph, does: 'Plain paragraph', where: 'Body' },
      { keys: editorKeys.heading2, does: 'Heading 2', where: 'Body' },
      { keys: editorKeys.heading3, does: 'Heading 3', where: 'Body' },
      { keys: editorKeys.bulletList, does: 'Bullet list', where: 'Body' },
      { keys: editorKeys.orderedList, does: 'Numbered list', where: 'Body' },
      { keys: editorKeys.quote, does: 'Quote', where: 'Body' },
      { keys: ['Tab'], does: 'Indent the list item', where: 'Body, in a list' },
      { keys: ['Shift-Tab'], does: 'Outdent the list item', where: 'Body, in a list' },
    ],
  },
  {
    title: 'Comments and suggestions',
    shortcuts: [
      {
        keys: [COMMENT],
        does: 'Comment on the selected text',
        where: 'Editor and review screen',
      },
      { keys: [POST_COMMENT], does: 'Post the comment or reply', where: 'Write a comment' },
      { keys: ['Escape'], does: 'Cancel the comment', where: 'Write a comment' },
    ],
  },
  {
    title: 'Choose a source',
    shortcuts: [
      { keys: ['ArrowDown', 'ArrowUp'], does: 'Move through the sources' },
      { keys: ['Enter'], does: 'Cite the highlighted source' },
    ],
  },
];

const MODIFIERS = ['Mod', 'Ctrl', 'Meta', 'Alt', 'Shift'] as const;
type Modifier = (typeof MODIFIERS)[number];

/** A chord's modifiers and its one key (`-` on its own is a key too). */
export function parseChord(chord: Chord): { modifiers: Modifier[]; key: string } {
  const parts = chord.split(/-(?!$)/);
  const key = parts.pop() ?? '';
  const modifiers = parts.map((part) => {
    if (!(MODIFIERS as readonly string[]).includes(part)) {
      throw new Error(`Unknown modifier “${part}” in the shortcut “${chord}”`);
    }
    return part as Modifier;
  });
  return { modifiers, key };
}

const isLetter = (key: string) => /^[a-z]$/i.test(key);

/** What matchesChord reads of a keyboard event. */
export type KeyPress = Pick<
  KeyboardEvent,
  'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'
>;

/**
 * Whether a key press is this chord. `Mod` accepts Ctrl and ⌘ alike, as the app's own handlers
 * always have. A letter with Alt is matched by its place (`KeyM`), since Alt changes the letter
 * on macOS; so is a letter typed on a non-Latin layout. Shift is not compared for a character
 * such as `?` or `/`, which some layouts type with Shift.
 */
export function matchesChord(event: KeyPress, chord: Chord): boolean {
  const { modifiers, key } = parseChord(chord);
  const has = (modifier: Modifier) => modifiers.includes(modifier);
  const mod = has('Mod') || has('Ctrl') || has('Meta');
  if (mod !== (event.ctrlKey || event.metaKey)) return false;
  if (has('Alt') !== event.altKey) return false;
  const character = key.length === 1 && !isLetter(key) && !/^\d$/.test(key);
  if (!character && has('Shift') !== event.shiftKey) return false;
  if (!isLetter(key)) return event.key === key;
  if (event.key.toLowerCase() === key.toLowerCase()) return true;
  const byPlace = has('Alt') || !/^[\x20-\x7e]$/.test(event.key);
  return byPlace && event.code === `Key${key.toUpperCase()}`;
}

/** Whether the device names its modifier keys ⌘ and ⌥ (from navigator's platform or agent). */
export function isApplePlatform(platform: string): boolean {
  return /Mac|iPhone|iPad|iPod/i.test(platform);
}

export interface KeyLabel {
  /** What the key cap shows: `Ctrl`, `⌘`, `K`. */
  text: string;
  /** Its name when the cap is a symbol, for screen readers: `Command`. */
  name?: string;
}

const appleModifiers: Record<Modifier, KeyLabel> = {
  Mod: { text: '⌘', name: 'Command' },
  Meta: { text: '⌘', name: 'Command' },
  Ctrl: { text: '⌃', name: 'Control' },
  Alt: { text: '⌥', name: 'Option' },
  Shift: { text: '⇧', name: 'Shift' },
};

const otherModifiers: Record<Modifier, KeyLabel> = {
  Mod: { text: 'Ctrl' },
  Meta: { text: 'Meta' },
  Ctrl: { text: 'Ctrl' },
  Alt: { text: 'Alt' },
  Shift: { text: 'Shift' },
};

const namedKeys: Record<string, KeyLabel> = {
  ArrowUp: { text: '↑', name: 'Up arrow' },
  ArrowDown: { text: '↓', name: 'Down arrow' },
  ArrowLeft: { text: '←', name: 'Left arrow' },
  ArrowRight: { text: '→', name: 'Right arrow' },
  Escape: { text: 'Esc', name: 'Escape' },
};

/** The key caps of a chord, in order, as this device's keyboard shows them. */
export function keyLabels(chord: Chord, apple: boolean): KeyLabel[] {
  const { modifiers, key } = parseChord(chord);
  const names = apple ? appleModifiers : otherModifiers;
  return [
    ...modifiers.map((modifier) => names[modifier]),
    namedKeys[key] ?? { text: isLetter(key) ? key.toUpperCase() : key },
  ];
}

/** A chord as one line of text, for a tooltip: `Ctrl+Shift+K`, `⌘⇧K`. */
export function chordText(chord: Chord, apple: boolean): string {
  return keyLabels(chord, apple)
    .map((label) => label.text)
    .join(apple ? '' : '+');
}

const ariaModifiers: Record<Modifier, string> = {
  Mod: 'Control',
  Ctrl: 'Control',
  Meta: 'Meta',
  Alt: 'Alt',
  Shift: 'Shift',
};

/**
 * The `aria-keyshortcuts` value of some chords. `Mod` is Meta on Apple devices and Control
 * elsewhere; where the platform is not known (a page rendered on the server) both are given.
 */
export function ariaKeyShortcuts(chords: readonly Chord[], apple?: boolean): string {
  return chords
    .flatMap((chord) => {
      const { modifiers, key } = parseChord(chord);
      const name = isLetter(key) ? key.toUpperCase() : key;
      // A character typed with Shift on a US keyboard is written with it (WAI-ARIA).
      const shifted = key === '?' && !modifiers.includes('Shift') ? ['Shift'] : [];
      const spell = (mod: string) =>
        [...modifiers.map((m) => (m === 'Mod' ? mod : ariaModifiers[m])), ...shifted, name].join(
          '+',
        );
      if (!modifiers.includes('Mod')) return [spell('')];
      if (apple === undefined) return [spell('Control'), spell('Meta')];
      return [spell(apple ? 'Meta' : 'Control')];
    })
    .join(' ');
}
