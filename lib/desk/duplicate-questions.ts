/**
 * What the editor and the import say about another brief asking the same question, pure: the
 * server (lib/desk/duplicates.ts) finds the matches, the pages show them in these words.
 */
import type { WorkflowState } from '@/lib/workflow/rules';

/**
 * Questions whose key (db/question-key.ts) is shorter than this match nothing: a question being
 * typed ("Is the") would otherwise resemble half the newsroom.
 */
export const DUPLICATE_KEY_MIN = 8;

/** At most this many matches are shown. */
export const DUPLICATE_LIMIT = 5;

/** Another brief whose question is the same (case, spacing and punctuation aside) or similar. */
export interface DuplicateQuestion {
  id: string;
  question: string;
  kind: 'same' | 'similar';
  state: WorkflowState;
  stateLabel: string;
  published: boolean;
  /** Its public address's slug, while it is published. */
  slug: string | null;
  archived: boolean;
}

export const duplicateHeadings: Record<DuplicateQuestion['kind'], string> = {
  same: 'Another brief asks the same question:',
  similar: 'A similar question exists:',
};

/** How a match's standing is told after its link: `In review, published`. */
export function duplicateStanding(match: DuplicateQuestion): string {
  return [
    match.stateLabel,
    match.published ? 'published' : null,
    match.archived ? 'archived' : null,
  ]
    .filter(Boolean)
    .join(', ');
}
