/**
 * Where an exported text came from. The Markdown export ends with an HTML comment (invisible
 * wherever the Markdown is shown) naming the brief and version; importing the text again carries
 * the authorship of that version, so the two-person rule still sees who wrote it.
 */
export interface Provenance {
  briefId: string;
  versionNumber: number;
}

export function provenanceComment({ briefId, versionNumber }: Provenance): string {
  return `<!-- Factdesk export: brief ${briefId}, version ${versionNumber}. Keep this line: it tells an import who wrote this text. -->`;
}

const PROVENANCE =
  /^[ \t]*<!--[ \t]*Factdesk export: brief ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}), version (\d{1,9})\b[^\n]*?-->[ \t]*$/gim;
// Texts pasted together may name several versions; a few suffice to carry every author.
const MAX_NAMED = 20;

/**
 * The versions a text names as its origin, and the text with those lines blanked (so that line
 * numbers in the import report stay those of the text as given).
 */
export function readProvenance(text: string): { text: string; named: Provenance[] } {
  const named: Provenance[] = [];
  const blanked = text.replace(PROVENANCE, (_line, briefId: string, version: string) => {
    const entry = { briefId: briefId.toLowerCase(), versionNumber: Number(version) };
    if (
      named.length < MAX_NAMED &&
      !named.some((n) => n.briefId === entry.briefId && n.versionNumber === entry.versionNumber)
    ) {
      named.push(entry);
    }
    return '';
  });
  return { text: blanked, named };
}
