import type { BriefDocument } from '@/lib/content/document';

/**
 * The type of `brief_versions.content`, registered with the schema (db names no lib type): every
 * read of a version's document is a BriefDocument, every write must be one. What is stored was
 * parsed by parseBriefDocument on the way in.
 */
declare module '@/db/schema' {
  interface JsonColumnTypes {
    briefDocument: BriefDocument;
  }
}
