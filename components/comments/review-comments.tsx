'use client';

import type { Editor } from '@tiptap/core';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CitationRegistry } from '@/components/editor/citation-registry';
import { RichTextEditor } from '@/components/editor/rich-text-editor';
import type { BriefDocument } from '@/lib/content/document';
import { type RichTextPart, richTextParts } from '@/lib/content/extensions';
import { COMMENT, matchesChord } from '@/lib/editor/shortcuts';
import { commentAnchorsExtension } from './comment-anchors';
import { CommentsController } from './comments-controller';
import { CommentsPanel } from './comments-panel';

/** How often others' new comments are asked for. */
const THREADS_INTERVAL_MS = 15_000;

/**
 * The review screen's comments: the text of the version under review (read-only, citations
 * numbered as readers see them) with its threads highlighted, and the threads beside it. The
 * reviewer selects a claim and presses `Comment`.
 */
export function ReviewComments({
  briefId,
  document,
  numbers,
  timeZone,
}: {
  briefId: string;
  document: BriefDocument;
  numbers: Record<string, number>;
  timeZone: string;
}) {
  const [controller] = useState(() => new CommentsController(briefId));
  const [registry] = useState(() => {
    const shared = new CitationRegistry();
    shared.update(
      new Map(Object.entries(numbers)),
      new Map(document.sources.map((source) => [source.id, source])),
    );
    return shared;
  });
  const [anchors] = useState(() => [
    commentAnchorsExtension((threadId) => controller.activate(threadId)),
  ]);
  const lastPart = useRef<RichTextPart>('summary');
  const [composeRequest, setComposeRequest] = useState(0);

  const router = useRouter();

  useEffect(() => {
    // The checks beside (open threads hold up approval) are the server's: redrawn after a change.
    controller.onChanged = () => router.refresh();
    void controller.load();
    return controller.follow(THREADS_INTERVAL_MS);
  }, [controller, router]);

  // Mod-Alt-M: comment on the selected text, as in the editor.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (matchesChord(event, COMMENT)) {
        event.preventDefault();
        setComposeRequest((n) => n + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onReady = useCallback(
    (part: RichTextPart, editor: Editor) => controller.attach(part, editor),
    [controller],
  );
  const noop = useCallback(() => {}, []);

  return (
    <div className="two-columns review-comments">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: focus is only observed here */}
      <div
        onFocus={(event) => {
          const part = (event.target as HTMLElement).closest<HTMLElement>('[data-part]')?.dataset
            .part;
          if (part) lastPart.current = part as RichTextPart;
        }}
      >
        {richTextParts.map((part) => (
          <RichTextEditor
            key={part}
            part={part}
            initialContent={document[part]}
            registry={registry}
            onReady={onReady}
            onChange={noop}
            onInsertCitation={noop}
            readOnly
            landmark={false}
            moreExtensions={anchors}
          />
        ))}
      </div>
      <CommentsPanel
        controller={controller}
        timeZone={timeZone}
        composeRequest={composeRequest}
        selectionAnchor={() => {
          for (const part of [lastPart.current, ...richTextParts]) {
            const anchor = controller.anchorOfSelection(part);
            if (anchor) return anchor;
          }
          return null;
        }}
      />
    </div>
  );
}
