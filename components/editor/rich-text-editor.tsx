'use client';

import type { Editor, Extensions } from '@tiptap/core';
import { redoDepth, undoDepth } from '@tiptap/pm/history';
import { NodeSelection } from '@tiptap/pm/state';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useState } from 'react';
import { useTextPromptDialog } from '@/components/ui/text-prompt-dialog';
import { extensionsFor, type RichTextPart } from '@/lib/content/extensions';
import { normalizeLinkUrl } from '@/lib/content/link-url';
import type { RichNode } from '@/lib/content/numbering';
import { partLabels } from '@/lib/content/parts';
import { ariaKeyShortcuts, type Chord, chordText, editorKeys } from '@/lib/editor/shortcuts';
import { useApplePlatform } from '../shortcuts/use-apple-platform';
import { newCitationId, withEditorCitation } from './citation-node-view';
import type { CitationRegistry } from './citation-registry';
import { isSuggesting } from './suggest-changes';

interface RichTextEditorProps {
  part: RichTextPart;
  initialContent: RichNode;
  registry: CitationRegistry;
  onReady: (part: RichTextPart, editor: Editor) => void;
  onChange: (part: RichTextPart, editor: Editor) => void;
  onInsertCitation: (part: RichTextPart) => void;
  readOnly?: boolean;
  /** Why the server refused this part in the last save. */
  problem?: string;
  /** Added to the part's extension list once, when its editor is created. */
  moreExtensions?: Extensions;
  /** A named region of the page (the editor); not where the page has its own (review screen). */
  landmark?: boolean;
}

/** One rich-text part of a brief: a TipTap editor with its toolbar. */
export function RichTextEditor({
  part,
  initialContent,
  registry,
  onReady,
  onChange,
  onInsertCitation,
  readOnly = false,
  problem,
  moreExtensions,
  landmark = true,
}: RichTextEditorProps) {
  const label = partLabels[part];
  const Wrapper = landmark ? 'section' : 'div';
  const problemId = `part-${part}-error`;
  const [extensions] = useState(() => [
    ...withEditorCitation(extensionsFor[part], registry, part),
    ...(moreExtensions ?? []),
  ]);
  const editor = useEditor({
    immediatelyRender: false,
    editable: !readOnly,
    extensions,
    content: initialContent,
    editorProps: {
      attributes: {
        'aria-label': label,
        'aria-multiline': 'true',
        ...(readOnly && { 'aria-readonly': 'true' }),
        role: 'textbox',
        class: `prose-editor prose-editor-${part}`,
        'data-part': part,
        'aria-describedby': problemId,
      },
    },
    onCreate: ({ editor }) => onReady(part, editor),
    onUpdate: ({ editor }) => onChange(part, editor),
  });

  return (
    <Wrapper className="part" aria-labelledby={landmark ? `part-${part}` : undefined}>
      <h2 id={`part-${part}`} className="part-label">
        {label}
      </h2>
      {editor ? (
        <>
          {!readOnly && (
            <Toolbar editor={editor} part={part} onInsertCitation={() => onInsertCitation(part)} />
          )}
          <EditorContent editor={editor} />
          <SelectedCitation editor={editor} registry={registry} />
        </>
      ) : (
        <div className="prose-editor placeholder" aria-hidden="true" />
      )}
      {/* Always present: the editor's aria-describedby is set once, when it is created. */}
      <div id={problemId}>{problem && <p className="field-error">{problem}</p>}</div>
    </Wrapper>
  );
}

function Toolbar({
  editor,
  part,
  onInsertCitation,
}: {
  editor: Editor;
  part: RichTextPart;
  onInsertCitation: () => void;
}) {
  const linkPrompt = useTextPromptDialog();
  const apple = useApplePlatform();
  const state = useEditorState({
    editor,
    selector: ({ editor }) => ({
      bold: editor.isActive('bold'),
      italic: editor.isActive('italic'),
      link: editor.isActive('link'),
      h2: editor.isActive('heading', { level: 2 }),
      h3: editor.isActive('heading', { level: 3 }),
      bulletList: editor.isActive('bulletList'),
      orderedList: editor.isActive('orderedList'),
      blockquote: editor.isActive('blockquote'),
      exempt: editor.isActive('paragraph', { noCitationNeeded: true }),
      // From the history itself: a dry run of the commands (editor.can()) costs far more, and
      // this runs on every keystroke.
      canUndo: undoDepth(editor.state) > 0,
      canRedo: redoDepth(editor.state) > 0,
      // Layout cannot be suggested (suggest-changes.ts): its buttons rest in Suggesting mode.
      suggesting: isSuggesting(editor),
    }),
  });
  const layout = state.suggesting;
  const chain = () => editor.chain().focus();
  const isBody = part === 'body';

  const editLink = async () => {
    if (state.link) {
      chain().extendMarkRange('link').unsetLink().run();
      return;
    }
    const answer = await linkPrompt.ask({
      title: 'Add link',
      description: 'The selected text links to this address.',
      label: 'Link address (http://, https:// or mailto:)',
      submitLabel: 'Add link',
      validate: (value) => {
        if (!value.trim()) return 'Enter the address to link to, or press Cancel.';
        if (normalizeLinkUrl(value)) return null;
        return `Not a link target: “${value}”. Links must start with http://, https:// or mailto:.`;
      },
      // Back into the editor, where the selection still is.
      returnFocus: () => editor.commands.focus(),
    });
    const href = answer === null ? null : normalizeLinkUrl(answer);
    if (href) chain().extendMarkRange('link').setLink({ href }).run();
  };

  const button = (
    name: string,
    pressed: boolean | undefined,
    run: () => void,
    text: string,
    disabled = false,
    keys?: readonly Chord[],
  ) => (
    <button
      type="button"
      className="tool"
      aria-label={name}
      title={keys?.[0] ? `${name} (${chordText(keys[0], apple)})` : name}
      aria-keyshortcuts={keys && ariaKeyShortcuts(keys, apple)}
      aria-pressed={pressed}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  );

  return (
    <div className="toolbar-wrap">
      <div className="toolbar" role="toolbar" aria-label={`${partLabels[part]} formatting`}>
        {button('Bold', state.bold, () => chain().toggleBold().run(), 'B', false, editorKeys.bold)}
        {button(
          'Italic',
          state.italic,
          () => chain().toggleItalic().run(),
          'I',
          false,
          editorKeys.italic,
        )}
        {isBody &&
          button(
            'Heading 2',
            state.h2,
            () => chain().toggleHeading({ level: 2 }).run(),
            'H2',
            layout,
            editorKeys.heading2,
          )}
        {isBody &&
          button(
            'Heading 3',
            state.h3,
            () => chain().toggleHeading({ level: 3 }).run(),
            'H3',
            layout,
            editorKeys.heading3,
          )}
        {isBody &&
          button(
            'Bullet list',
            state.bulletList,
            () => chain().toggleBulletList().run(),
            '• List',
            layout,
            editorKeys.bulletList,
          )}
        {isBody &&
          button(
            'Numbered list',
            state.orderedList,
            () => chain().toggleOrderedList().run(),
            '1. List',
            layout,
            editorKeys.orderedList,
          )}
        {isBody &&
          button(
            'Quote',
            state.blockquote,
            () => chain().toggleBlockquote().run(),
            '❝',
            layout,
            editorKeys.quote,
          )}
        {button(
          state.link ? 'Remove link' : 'Link',
          state.link,
          editLink,
          state.link ? 'Unlink' : 'Link',
        )}
        {button(
          'Insert citation',
          undefined,
          onInsertCitation,
          '[n] Cite',
          false,
          editorKeys.insertCitation,
        )}
        {part !== 'limitations' &&
          button(
            'No citation needed',
            state.exempt,
            () => chain().updateAttributes('paragraph', { noCitationNeeded: !state.exempt }).run(),
            'No cite',
            layout,
          )}
        {button(
          'Undo',
          undefined,
          () => chain().undo().run(),
          '↶',
          !state.canUndo,
          editorKeys.undo,
        )}
        {button(
          'Redo',
          undefined,
          () => chain().redo().run(),
          '↷',
          !state.canRedo,
          editorKeys.redo,
        )}
      </div>
      {linkPrompt.dialog}
    </div>
  );
}

/**
 * When a citation is selected (by click or with the arrow keys), says which source it points to
 * and lets the person set its pinpoint or open the source.
 */
function SelectedCitation({ editor, registry }: { editor: Editor; registry: CitationRegistry }) {
  const selected = useEditorState({
    editor,
    selector: ({ editor }) => {
      const { selection } = editor.state;
      if (!(selection instanceof NodeSelection) || selection.node.type.name !== 'citation')
        return null;
      return {
        sourceId: String(selection.node.attrs.sourceId),
        locator: (selection.node.attrs.locator as string | null) ?? null,
      };
    },
  });
  const pinpointPrompt = useTextPromptDialog();
  if (!selected) return null;
  const setLocator = async () => {
    const answer = await pinpointPrompt.ask({
      title: 'Set pinpoint',
      description: 'Pinpoint (page, section or time), empty for none.',
      label: 'Pinpoint',
      submitLabel: 'Save pinpoint',
      initialValue: selected.locator ?? '',
      placeholder: 'p. 12, §3 or 00:14:05',
      maxLength: 100,
      // Back into the editor, with the citation still selected.
      returnFocus: () => editor.commands.focus(),
    });
    if (answer === null) return;
    const position = editor.state.selection.from;
    const locator = answer.trim().slice(0, 100) || null;
    const node = editor.state.doc.nodeAt(position);
    if (isSuggesting(editor) && node) {
      // Suggested as a new citation in place of the old one (insertion and deletion), not as a
      // change of attribute, which cannot be suggested (suggest-changes.ts).
      editor
        .chain()
        .focus()
        .command(({ tr }) => {
          tr.replaceWith(
            position,
            position + node.nodeSize,
            node.type.create({ ...node.attrs, citationId: newCitationId(), locator }),
          );
          return true;
        })
        .run();
      return;
    }
    editor
      .chain()
      .focus()
      .updateAttributes('citation', { locator })
      .setNodeSelection(position)
      .run();
  };
  return (
    <div className="citation-info">
      <span>{registry.describe(selected.sourceId, selected.locator)}</span>
      <button type="button" className="link-button" onClick={setLocator}>
        Set pinpoint
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => registry.onActivate(selected.sourceId)}
      >
        Show source
      </button>
      {pinpointPrompt.dialog}
    </div>
  );
}
