'use client';

import type { Editor, Extensions } from '@tiptap/core';
import { commentAnchorsExtension } from '@/components/comments/comment-anchors';
import { CommentsController } from '@/components/comments/comments-controller';
import type { BriefDocument, Source } from '@/lib/content/document';
import { type RichTextPart, richTextParts } from '@/lib/content/extensions';
import { BriefStore, relatedFromText, storedClaimReview } from '@/lib/editor/brief-store';
import {
  blockTexts,
  blockTextsOfJson,
  briefDocumentJson,
  nodeJson,
} from '@/lib/editor/document-json';
import type { LocalCopy } from '@/lib/editor/local-copy';
import type { RatingScale } from '@/lib/settings/rating-scale';
import { CitationRegistry } from './citation-registry';
import { setSuggesting, suggestChangesExtension } from './suggest-changes';

/** What one open brief editor is made of, outside React. */
export interface EditorSession {
  /** The fields and the derived numbers and checks. */
  store: BriefStore;
  /** What the three rich-text editors share. */
  registry: CitationRegistry;
  /** The rich-text editors, once created. */
  editors: Partial<Record<RichTextPart, Editor>>;
  /** The brief as JSON text (for a save). */
  documentJson: () => string;
  /** The brief as the local copy stores it. */
  localCopy: () => Pick<LocalCopy, 'fields' | 'parts'>;
  /** The brief as a document (parsed from its JSON text: not for every keystroke). */
  getDocument: () => BriefDocument;
  /** The comment threads beside the text. */
  comments: CommentsController;
  /** What each part's editor adds to the extension list: comment highlights, suggesting. */
  partExtensions: Extensions;
  /** `Editing` or `Suggesting`: all three parts at once. */
  mode: ModeStore;
}

export type EditMode = 'editing' | 'suggesting';

/** The editor's mode, outside React (the parts' editors follow it). */
export class ModeStore {
  private listeners = new Set<() => void>();
  constructor(
    private mode: EditMode,
    private readonly editors: Partial<Record<RichTextPart, Editor>>,
  ) {}
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = () => this.mode;
  private notice: string | null = null;
  /** Why the last edit was not made in Suggesting mode (null: nothing refused since). */
  getNotice = () => this.notice;
  refuseLayout() {
    this.notice =
      'Headings, lists, quotes and “No cite” cannot be suggested: switch to Editing for them, or say it in a comment.';
    for (const listener of this.listeners) listener();
  }
  /** Applies the mode to a part's editor (as it is created, and on every change). */
  apply(editor: Editor) {
    setSuggesting(editor, this.mode === 'suggesting');
  }
  set(mode: EditMode) {
    this.mode = mode;
    this.notice = null;
    for (const part of richTextParts) {
      const editor = this.editors[part];
      if (editor) this.apply(editor);
    }
    for (const listener of this.listeners) listener();
  }
}

export function createEditorSession(
  initialDocument: BriefDocument,
  options: { briefId: string; authorId: string; mode: EditMode; ratingScale: RatingScale },
): EditorSession {
  const store = new BriefStore(initialDocument, options.ratingScale);
  const registry = new CitationRegistry();
  const editors: EditorSession['editors'] = {};
  const comments = new CommentsController(options.briefId);
  const partExtensions = [
    commentAnchorsExtension((threadId) => comments.activate(threadId)),
    suggestChangesExtension(options.authorId, () => mode.refuseLayout()),
  ];
  const mode = new ModeStore(options.mode, editors);

  const partJson = (part: RichTextPart) => {
    const editor = editors[part];
    return editor ? nodeJson(editor.state.doc) : JSON.stringify(initialDocument[part]);
  };
  const partBlocks = (part: RichTextPart) => {
    const editor = editors[part];
    return editor ? blockTexts(editor.state.doc) : blockTextsOfJson(initialDocument[part]);
  };
  const documentJson = () => {
    const { fields } = store.getSnapshot();
    return briefDocumentJson({
      question: fields.question,
      summary: partJson('summary'),
      body: partJson('body'),
      limitations: partJson('limitations'),
      relatedText: fields.relatedText,
      sources: fields.sources,
      claimReview: fields.claimReview,
    });
  };
  const localCopy = () => {
    const { fields } = store.getSnapshot();
    return {
      fields: {
        question: fields.question,
        relatedQuestions: relatedFromText(fields.relatedText),
        sources: fields.sources,
        claimReview: storedClaimReview(fields.claimReview) ?? undefined,
      },
      parts: Object.fromEntries(richTextParts.map((part) => [part, partBlocks(part)])) as Record<
        RichTextPart,
        ReturnType<typeof partBlocks>
      >,
    };
  };

  registry.onPartFacts = (part, facts) => store.setPart(part, facts);
  // Markers follow the numbers and the sources' details, in the same task as the change.
  const sourceMap = (sources: Source[]) => new Map(sources.map((source) => [source.id, source]));
  let shown = store.getSnapshot();
  registry.update(shown.numbers, sourceMap(shown.fields.sources));
  store.subscribe(() => {
    const next = store.getSnapshot();
    if (next.numbers === shown.numbers && next.fields.sources === shown.fields.sources) return;
    shown = next;
    registry.update(next.numbers, sourceMap(next.fields.sources));
  });

  return {
    store,
    registry,
    editors,
    documentJson,
    localCopy,
    getDocument: () => JSON.parse(documentJson()) as BriefDocument,
    comments,
    partExtensions,
    mode,
  };
}
