import { z } from 'zod';
import { richTextParts, schemaFor } from '@/lib/editor/extensions';
import { briefCitations, type RichNode } from '@/lib/editor/numbering';
import { type BriefDocument, briefDocumentSchema, DOCUMENT_LIMITS } from './document';

export interface DocumentProblem {
  path: string;
  message: string;
}

export type DocumentParseResult =
  | { ok: true; document: BriefDocument }
  | { ok: false; problems: DocumentProblem[] };

const partLabels = { summary: 'Executive summary', body: 'Body', limitations: 'Limitations' };

function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

/**
 * Validates a brief document from a client: shape, sizes and attribute values with zod, then
 * each rich-text part against the shared ProseMirror schema (`check()`). Returns the document
 * re-serialized from the schema, which is what gets stored; nothing unknown survives.
 */
export function parseBriefDocument(input: unknown): DocumentParseResult {
  if (depthOf(input, DOCUMENT_LIMITS.depth + 4) > DOCUMENT_LIMITS.depth + 4) {
    return { ok: false, problems: [{ path: '', message: 'The document is nested too deeply.' }] };
  }
  const parsed = briefDocumentSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    };
  }
  const document = parsed.data as BriefDocument;
  const problems: DocumentProblem[] = [];
  for (const part of richTextParts) {
    try {
      const node = schemaFor[part].nodeFromJSON(document[part]);
      node.check();
      document[part] = node.toJSON() as RichNode;
    } catch (error) {
      problems.push({
        path: part,
        message: `${partLabels[part]}: this content is not allowed here (${(error as Error).message}).`,
      });
    }
  }
  const seenCitations = new Set<string>();
  for (const citation of briefCitations(document)) {
    if (seenCitations.has(citation.citationId)) {
      problems.push({ path: citation.part, message: 'Two citations share one id.' });
      break;
    }
    seenCitations.add(citation.citationId);
  }
  const sourceIds = new Set<string>();
  for (const [index, source] of document.sources.entries()) {
    if (sourceIds.has(source.id)) {
      problems.push({ path: `sources.${index}.id`, message: 'Two sources share one id.' });
    }
    sourceIds.add(source.id);
  }
  return problems.length ? { ok: false, problems } : { ok: true, document };
}

export const saveRequestSchema = z
  .object({
    baseRevision: z.number().int().positive(),
    // The version the text started from when it is no longer the head (kept after a conflict).
    baseNumber: z.number().int().positive().max(2_147_483_647).optional(),
    kind: z.enum(['autosave', 'save']),
    document: z.unknown(),
  })
  .strict();
