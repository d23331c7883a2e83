'use client';

import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useTextPromptDialog } from '@/components/ui/text-prompt-dialog';
import { sitePageExtensions } from '@/lib/content/extensions';
import { normalizeLinkUrl } from '@/lib/content/link-url';
import type { RichNode } from '@/lib/content/numbering';

const emptyPage: RichNode = { type: 'doc', content: [{ type: 'paragraph' }] };

/**
 * The rich-text editor of one of the newsroom's public pages: sections, lists, quotes, links,
 * bold and italic. `onChange` receives the document as JSON after every edit.
 */
export function SitePageEditor({
  label,
  initialContent,
  onChange,
  describedBy,
}: {
  label: string;
  initialContent: RichNode | null;
  onChange: (json: RichNode) => void;
  describedBy?: string;
}) {
  const editor = useEditor({
    immediatelyRender: false,
    extensions: sitePageExtensions,
    content: initialContent ?? emptyPage,
    editorProps: {
      attributes: {
        'aria-label': label,
        'aria-multiline': 'true',
        role: 'textbox',
        class: 'prose-editor prose-editor-body',
        ...(describedBy && { 'aria-describedby': describedBy }),
      },
    },
    onUpdate: ({ editor }) => onChange(editor.getJSON() as RichNode),
  });
  if (!editor) return <div className="prose-editor placeholder" aria-hidden="true" />;
  return (
    <div className="part">
      <PageToolbar editor={editor} label={label} />
      <EditorContent editor={editor} />
    </div>
  );
}

function PageToolbar({ editor, label }: { editor: Editor; label: string }) {
  const askLink = useTextPromptDialog();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullets: e.isActive('bulletList'),
      numbers: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
    }),
  });
  const chain = () => editor.chain().focus();
  const tool = (name: string, pressed: boolean, run: () => void, text: string) => (
    <button
      type="button"
      className="tool"
      aria-label={name}
      title={name}
      aria-pressed={pressed}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  );
  const editLink = async () => {
    const current = String(editor.getAttributes('link').href ?? '');
    const answer = await askLink.ask({
      title: 'Link',
      description: 'An address starting with https://, http:// or mailto:. Empty removes the link.',
      label: 'Link address',
      initialValue: current,
      submitLabel: 'Apply link',
      validate: (value) =>
        value.trim() === '' || normalizeLinkUrl(value.trim())
          ? null
          : 'Links must start with http://, https:// or mailto:.',
    });
    if (answer === null) return;
    const href = normalizeLinkUrl(answer.trim());
    if (!href) chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href }).run();
  };
  return (
    <div className="toolbar-wrap">
      <div className="toolbar" role="toolbar" aria-label={`${label} formatting`}>
        {tool('Bold', state.bold, () => chain().toggleBold().run(), 'B')}
        {tool('Italic', state.italic, () => chain().toggleItalic().run(), 'I')}
        {tool('Section heading', state.h2, () => chain().toggleHeading({ level: 2 }).run(), 'H2')}
        {tool('Subheading', state.h3, () => chain().toggleHeading({ level: 3 }).run(), 'H3')}
        {tool('Bulleted list', state.bullets, () => chain().toggleBulletList().run(), '•')}
        {tool('Numbered list', state.numbers, () => chain().toggleOrderedList().run(), '1.')}
        {tool('Quote', state.quote, () => chain().toggleBlockquote().run(), '❝')}
        {tool('Link', state.link, () => void editLink(), 'Link')}
      </div>
      {askLink.dialog}
    </div>
  );
}
