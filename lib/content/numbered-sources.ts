import { briefCitations, numberSources, type RichNode } from './numbering';

/**
 * A brief's citation numbers and its cited sources in number order: what every rendering of a
 * brief (review, history, public page, export) lists under "Sources".
 */
export function numberedSources<S extends { id: string }>(document: {
  summary: RichNode;
  body: RichNode;
  limitations: RichNode;
  sources: S[];
}): { numbers: Map<string, number>; cited: S[]; uncited: S[] } {
  const numbers = numberSources(
    briefCitations(document).map((c) => c.sourceId),
    new Set(document.sources.map((s) => s.id)),
  );
  const cited = document.sources
    .filter((s) => numbers.has(s.id))
    .sort((a, b) => (numbers.get(a.id) ?? 0) - (numbers.get(b.id) ?? 0));
  return { numbers, cited, uncited: document.sources.filter((s) => !numbers.has(s.id)) };
}
