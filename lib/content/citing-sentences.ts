import type { BriefDocument } from './document';
import { citationMarker, type RichNode } from './numbering';

/** The most sentences shown for one source. */
const MAX_SENTENCES = 6;
/** Stands for a citation while the text is split (a private-use character, removed from the text). */
const PLACEHOLDER = '\uE000';

/**
 * The sentences of a brief that cite a source, as plain text with every citation written as
 * readers see it (`[4, p. 12]`): what a reviewer checks the source against. A sentence cites
 * the source when one of its citations is of that source, whatever its pinpoint. At most
 * `limit` (a screen shows a few; a review's fingerprint takes them all).
 */
export function citingSentences(
  document: BriefDocument,
  sourceId: string,
  numbers: ReadonlyMap<string, number>,
  limit = MAX_SENTENCES,
): string[] {
  const found: string[] = [];
  const visit = (node: RichNode) => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      // The text with one placeholder per citation, so that a pinpoint's own full stop
      // (`p. 12`) does not end a sentence; the markers go in once it is split.
      let text = '';
      const markers: string[] = [];
      // Where in `text` each citation of this source is.
      const cites: number[] = [];
      for (const child of node.content ?? []) {
        if (child.type === 'citation') {
          const cited = String(child.attrs?.sourceId);
          if (cited === sourceId) cites.push(text.length);
          markers.push(citationMarker(numbers.get(cited), child.attrs?.locator as string | null));
          text += PLACEHOLDER;
        } else text += (child.text ?? '').replaceAll(PLACEHOLDER, '');
      }
      // Sentences and the spaces between them, in turn (the split keeps the separators); a
      // "sentence" of citations alone (`… it. [2]`) belongs to the one before it.
      const sentences: { start: number; end: number }[] = [];
      let start = 0;
      text.split(/(?<=[.!?])(\s+)/).forEach((piece, index) => {
        const end = start + piece.length;
        const previous = sentences.at(-1);
        if (index % 2 === 1) {
          if (previous) previous.end = end;
        } else if (previous && /^[\s\p{P}\uE000]*$/u.test(piece)) previous.end = end;
        else sentences.push({ start, end });
        start = end;
      });
      let marker = 0;
      for (const sentence of sentences) {
        const piece = text.slice(sentence.start, sentence.end);
        const written = piece.replace(/\uE000/g, () => markers[marker++] ?? '');
        if (cites.some((at) => at >= sentence.start && at < sentence.end))
          found.push(written.trim());
      }
      return;
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(document.summary);
  visit(document.body);
  visit(document.limitations);
  return [...new Set(found)].slice(0, limit);
}
