import { citingSentences } from '@/lib/content/citing-sentences';
import type { BriefDocument } from '@/lib/content/document';
import { contentHash } from '@/lib/content/hash';
import { numberedSources } from '@/lib/content/numbered-sources';

/**
 * What a reviewer's tick on a source vouches for: the source's record (every field), the content
 * of its captured page (SHA-256, null when none) and every sentence citing it, as readers read
 * them (so a renumbered source counts as changed: its citations read differently). Equal
 * fingerprints, nothing the tick was about has changed.
 */
export function sourceFingerprints(
  document: BriefDocument,
  captures: Readonly<Record<string, string | null>>,
): Map<string, string> {
  const { numbers, cited } = numberedSources(document);
  return new Map(
    cited.map((source) => [
      source.id,
      contentHash({
        source,
        capture: captures[source.id] ?? null,
        sentences: citingSentences(document, source.id, numbers, Number.POSITIVE_INFINITY),
      }),
    ]),
  );
}
