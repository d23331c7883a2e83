/** Limits of one brief document, enforced on every save (a module of its own: the HTTP boundary reads them without loading the schema). */
export const DOCUMENT_LIMITS = {
  jsonBytes: 1_000_000,
  sources: 2_000,
  relatedQuestions: 10,
  depth: 32,
  questionLength: 500,
} as const;
