import { renderToReactElement } from '@tiptap/static-renderer/pm/react';
import type { BriefDocument } from '@/lib/content/document';
import { extensionsFor, type RichTextPart, richTextParts } from '@/lib/content/extensions';
import { numberedSources } from '@/lib/content/numbered-sources';
import { displaySafeUrl } from '@/lib/content/safe-text';

const partLabels: Record<RichTextPart, string> = {
  summary: 'Executive summary',
  body: 'Body',
  limitations: 'Limitations',
};

/**
 * A version as read-only text, rendered on the server from the stored JSON through the shared
 * extension list; citations show their derived numbers and link to the source list.
 */
export function BriefView({
  document,
  idPrefix = 'v',
}: {
  document: BriefDocument;
  idPrefix?: string;
}) {
  const { numbers, cited: numbered, uncited } = numberedSources(document);
  const render = (part: RichTextPart) =>
    renderToReactElement({
      extensions: extensionsFor[part],
      content: document[part],
      options: {
        nodeMapping: {
          // The brief's H2/H3 sit under this view's part headings (h4): h5/h6 keep the outline.
          heading: ({ node, children }) => {
            const Tag = node.attrs.level === 2 ? 'h5' : 'h6';
            return <Tag>{children}</Tag>;
          },
          citation: ({ node }) => {
            const n = numbers.get(String(node.attrs.sourceId));
            return n ? (
              <a className="citation" href={`#${idPrefix}-source-${n}`}>
                [{n}]
              </a>
            ) : (
              <span className="citation broken">[?]</span>
            );
          },
        },
      },
    });
  return (
    <article className="brief-view">
      <h3 className="brief-view-question">{document.question || 'Untitled brief'}</h3>
      {richTextParts.map((part) => (
        <section key={part} aria-label={partLabels[part]}>
          <h4>{partLabels[part]}</h4>
          {render(part)}
        </section>
      ))}
      {document.relatedQuestions.length > 0 && (
        <section aria-label="Related questions">
          <h4>Want to dive deeper?</h4>
          <ul>
            {document.relatedQuestions.map((q) => (
              <li key={q.text}>{q.text}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Sources">
        <h4>Sources</h4>
        <ol>
          {numbered.map((source) => (
            <li key={source.id} id={`${idPrefix}-source-${numbers.get(source.id)}`}>
              {source.title || 'Untitled'} {source.publisher && `— ${source.publisher}`}{' '}
              {source.url && <span className="muted">{displaySafeUrl(source.url)}</span>}
            </li>
          ))}
        </ol>
        {uncited.length > 0 && (
          <p className="hint">
            Uncited: {uncited.map((s) => s.title || displaySafeUrl(s.url)).join('; ')}
          </p>
        )}
      </section>
    </article>
  );
}
