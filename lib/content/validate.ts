import { z } from 'zod';
import { InvalidError } from '@/lib/errors';
import {
  type BriefDocument,
  boundedText,
  claimReviewSchema,
  claimReviewStarted,
  DOCUMENT_LIMITS,
  relatedQuestionSchema,
  sourceSchema,
} from './document';
import { richTextParts, schemaFor } from './extensions';
import { briefCitations, type RichNode } from './numbering';
import { partLabels } from './parts';
import { richDocSchema } from './rich-text-schema';

// Here, not beside the document's types (document.ts): the rich-text schema comes from the
// TipTap extension list, which pages that only read documents (the public site) need not load.
/** The whole content of a brief, as stored in a version (everything but corrections). */
export const briefDocumentSchema = z
  .object({
    question: boundedText('Question', DOCUMENT_LIMITS.questionLength),
    summary: richDocSchema('Executive summary'),
    body: richDocSchema('Body'),
    limitations: richDocSchema('Limitations'),
    relatedQuestions: z
      .array(relatedQuestionSchema)
      .max(DOCUMENT_LIMITS.relatedQuestions, 'At most 10 related questions.'),
    sources: z.array(sourceSchema).max(DOCUMENT_LIMITS.sources, 'At most 2,000 sources.'),
    claimReview: claimReviewSchema.nullable().optional(),
  })
  .strict();

export interface DocumentProblem {
  path: string;
  message: string;
}

export type DocumentParseResult =
  | { ok: true; document: BriefDocument }
  | { ok: false; problems: DocumentProblem[] };

function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

/** The number of bytes of `text` in UTF-8, counted without encoding it. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const megabytes = (bytes: number) =>
  `${(bytes / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 2 })} MB`;

/** The message for a brief over the size limit, the same on every path that refuses one. */
export function tooLargeMessage(bytes?: number): string {
  const size = bytes === undefined ? '' : ` (${megabytes(bytes)})`;
  return `This brief is larger than ${megabytes(DOCUMENT_LIMITS.jsonBytes)} of content${size}; split it or remove material.`;
}

/**
 * What makes a document exceed the documented limits of one brief (bytes of its stored UTF-8
 * JSON, sources, related questions, nesting), or [] when it fits.
 */
export function documentLimitProblems(document: BriefDocument): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  if (document.sources.length > DOCUMENT_LIMITS.sources) {
    problems.push({ path: 'sources', message: 'At most 2,000 sources.' });
  }
  if (document.relatedQuestions.length > DOCUMENT_LIMITS.relatedQuestions) {
    problems.push({ path: 'relatedQuestions', message: 'At most 10 related questions.' });
  }
  if (depthOf(document, DOCUMENT_LIMITS.depth + 4) > DOCUMENT_LIMITS.depth + 4) {
    problems.push({ path: '', message: 'The document is nested too deeply.' });
  }
  const bytes = utf8ByteLength(JSON.stringify(document));
  if (bytes > DOCUMENT_LIMITS.jsonBytes)
    problems.push({ path: '', message: tooLargeMessage(bytes) });
  return problems;
}

/** The one guard of every path that writes a version: InvalidError when the document is over a limit. */
export function assertWithinLimits(document: BriefDocument): void {
  const problems = documentLimitProblems(document);
  if (problems.length) throw documentError(problems);
}

const MAX_REPORTED_PROBLEMS = 100;

/**
 * An InvalidError for a document's problems; its field errors are keyed by the path of each
 * problem (`question`, `body`, `sources.3.title`…, `document` for the whole), so that the
 * editor can show each message next to its field.
 */
export function documentError(problems: DocumentProblem[]): InvalidError {
  const fieldErrors: Record<string, string[]> = {};
  // A bad character pasted a thousand times is one message, and the answer stays small.
  for (const problem of problems.slice(0, MAX_REPORTED_PROBLEMS)) {
    const key = problem.path || 'document';
    fieldErrors[key] = [...(fieldErrors[key] ?? []), problem.message];
  }
  const messages = [...new Set(problems.map((p) => p.message))].slice(0, 10);
  return new InvalidError(messages.join(' '), fieldErrors);
}

/**
 * Validates a brief document from a client: shape, sizes and attribute values with zod (its
 * rich-text part derived from the extension list, rich-text-schema.ts), then each rich-text part
 * against that part's ProseMirror schema (`check()`: what may contain what, marks, attributes). Returns the document
 * re-serialized from the schema, which is what gets stored; nothing unknown survives. The limits
 * of one brief are checked on that stored form.
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
  // None is stored as no key at all: a brief without a claim review hashes as it always did.
  if (claimReviewStarted(document.claimReview)) {
    document.claimReview = {
      ...document.claimReview!,
      appearances: document.claimReview!.appearances.filter(Boolean),
    };
  } else delete document.claimReview;
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
  if (problems.length) return { ok: false, problems };
  // Measured on the stored form: that is what the limits are about.
  const overLimits = documentLimitProblems(document);
  return overLimits.length ? { ok: false, problems: overLimits } : { ok: true, document };
}
