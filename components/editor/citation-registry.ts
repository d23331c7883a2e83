import type { Source } from '@/lib/content/document';
import type { RichTextPart } from '@/lib/content/extensions';
import { citationMarker } from '@/lib/content/numbering';
import type { PartFacts } from '@/lib/editor/part-facts';

interface CitationView {
  sourceId: string;
  locator: string | null;
  render(): void;
}

/**
 * What the three editors of a brief share: the numbers and sources that citation markers
 * display, and where each editor reports its part's facts (see lib/editor/part-facts). Markers
 * are plain DOM (no React per citation, so typing stays fast with hundreds of them); they
 * re-render only when their own marker (number and pinpoint) or description changes.
 */
export class CitationRegistry {
  private views = new Set<CitationView>();
  numbers: ReadonlyMap<string, number> = new Map();
  sources: ReadonlyMap<string, Source> = new Map();
  onActivate: (sourceId: string) => void = () => {};
  onPartFacts: (part: RichTextPart, facts: PartFacts) => void = () => {};

  add(view: CitationView) {
    this.views.add(view);
  }

  remove(view: CitationView) {
    this.views.delete(view);
  }

  update(numbers: ReadonlyMap<string, number>, sources: ReadonlyMap<string, Source>) {
    this.numbers = numbers;
    this.sources = sources;
    for (const view of this.views) view.render();
  }

  /** The marker as the article shows it: `[4]`, `[4, p. 12]` or `[?]`. */
  label(sourceId: string, locator: string | null): string {
    return citationMarker(this.numbers.get(sourceId), locator);
  }

  /** "Source [4, p. 12]: title — publisher": the marker's accessible name and tooltip. */
  describe(sourceId: string, locator: string | null): string {
    const source = this.sources.get(sourceId);
    if (!source) return 'Broken citation: its source was deleted.';
    const parts = [source.title || source.url || 'Untitled source', source.publisher]
      .filter(Boolean)
      .join(' — ');
    return `Source ${this.label(sourceId, locator)}: ${parts}`;
  }
}
