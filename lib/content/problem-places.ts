import type { BriefDocument } from './document';
import { type RichTextPart, richTextParts } from './parts';

/** Where the editor shows each message of a refused save; the rest goes with the save status. */
export interface ProblemPlaces {
  question: string[];
  relatedQuestions: string[];
  parts: Partial<Record<RichTextPart, string[]>>;
  /** By source id. */
  sources: Record<string, string[]>;
  /** By field of the claim review (`claim`, `claimDate`, `appearances`…). */
  claimReview: Record<string, string[]>;
  other: string[];
}

export function emptyProblemPlaces(): ProblemPlaces {
  return { question: [], relatedQuestions: [], parts: {}, sources: {}, claimReview: {}, other: [] };
}

export function hasProblems(places: ProblemPlaces): boolean {
  return (
    places.question.length > 0 ||
    places.relatedQuestions.length > 0 ||
    Object.keys(places.parts).length > 0 ||
    Object.keys(places.sources).length > 0 ||
    Object.keys(places.claimReview).length > 0 ||
    places.other.length > 0
  );
}

/**
 * Places the field errors of a refused save (keyed by path: `question`, `body.content.0…`,
 * `sources.3.title`) next to their fields; `sent` is the document of that save, which says
 * which source `sources.3` was.
 */
export function placeProblems(
  fieldErrors: Record<string, string[] | undefined>,
  sent: BriefDocument,
): ProblemPlaces {
  const places = emptyProblemPlaces();
  // One message per field, however many nodes of a part hold the same bad character.
  const add = (list: string[], messages: string[]) => {
    for (const message of messages) if (!list.includes(message)) list.push(message);
  };
  for (const [path, messages] of Object.entries(fieldErrors)) {
    if (!messages?.length) continue;
    const [head, index] = path.split('.');
    const sourceId = head === 'sources' && index ? sent.sources[Number(index)]?.id : undefined;
    if (head === 'question') add(places.question, messages);
    else if (head === 'relatedQuestions') add(places.relatedQuestions, messages);
    else if (head === 'claimReview') {
      const field = index ?? 'claim';
      places.claimReview[field] ??= [];
      add(places.claimReview[field], messages);
    } else if (richTextParts.includes(head as RichTextPart)) {
      const part = head as RichTextPart;
      places.parts[part] ??= [];
      add(places.parts[part], messages);
    } else if (sourceId) {
      places.sources[sourceId] ??= [];
      add(places.sources[sourceId], messages);
    } else add(places.other, messages);
  }
  return places;
}
