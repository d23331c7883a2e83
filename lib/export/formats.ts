import type { ThreadView } from '@/lib/comments/schemas';
import type { BriefDocument } from '@/lib/content/document';
import { withoutSuggestions } from '@/lib/content/suggestion-projections';
import { provenanceComment } from '@/lib/import/provenance';
import { slugFromQuestion } from '@/lib/publication/slug';
import { commentsToMarkdown } from './comments';
import { sourcesToCsl } from './csl';
import type { ExportFormat } from './format-names';
import { briefToMarkdown } from './markdown';

/**
 * One version of a brief as a downloadable file. The Markdown ends with a comment naming the
 * version, so that importing it again keeps who wrote it (two-person rule); with `threads` (asked
 * for by staff), the brief's comment threads come before it, under `## Comments`. The Markdown
 * and the CSL are of the text as it stands (pending suggestions rejected); the JSON is the stored
 * form, suggestions and all.
 */
export async function exportFile(
  document: BriefDocument,
  {
    briefId,
    versionNumber,
    format,
    threads,
  }: {
    briefId: string;
    versionNumber: number;
    format: ExportFormat;
    threads?: readonly ThreadView[];
  },
): Promise<{ body: string; contentType: string; fileName: string }> {
  const base = `${slugFromQuestion(document.question || 'brief')}-v${versionNumber}`;
  switch (format) {
    case 'markdown':
      return {
        body: `${briefToMarkdown(await withoutSuggestions(document))}\n${threads ? `${commentsToMarkdown(threads)}\n` : ''}${provenanceComment({ briefId, versionNumber })}\n`,
        contentType: 'text/markdown; charset=utf-8',
        fileName: `${base}.md`,
      };
    case 'json':
      return {
        body: `${JSON.stringify(document, null, 2)}\n`,
        contentType: 'application/json; charset=utf-8',
        fileName: `${base}.json`,
      };
    case 'csl':
      return {
        // A suggested citation is not one yet: the numbers are those of the text as it stands.
        body: `${JSON.stringify(sourcesToCsl(await withoutSuggestions(document)), null, 2)}\n`,
        contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
        fileName: `${base}-sources.csl.json`,
      };
  }
}
