import 'server-only';
import { and, asc, desc, ne, sql } from 'drizzle-orm';
import { questionKeyOf } from '@/db/question-key';
import { briefs } from '@/db/schema';
import { DOCUMENT_LIMITS } from '@/lib/content/limits';
import { InvalidError } from '@/lib/errors';
import { isId } from '@/lib/ids';
import { assertCan } from '@/lib/policy/authorize';
import type { Actor } from '@/lib/policy/policy';
import { db } from '@/lib/transaction';
import { stateLabels } from '@/lib/workflow/rules';
import { DUPLICATE_KEY_MIN, DUPLICATE_LIMIT, type DuplicateQuestion } from './duplicate-questions';

/**
 * How alike two keys must be (pg_trgm's `similarity`, 0 to 1) to call the questions similar.
 * Measured on pairs of questions: one word changed or added ("… from space" / "… from the
 * Moon", "Did NATO promise…" / "Did the alliance promise…") scores 0.6 to 0.9, a rewording
 * ("Does 5G spread COVID?" for "Do 5G towers spread COVID-19?") about 0.56, while another
 * subject in the same frame ("Is the Eiffel Tower visible from space?") scores 0.45 and
 * unrelated questions under 0.1. A false alarm costs a glance: the notice never blocks.
 */
export const SIMILAR_QUESTION_THRESHOLD = 0.5;

/**
 * Other briefs asking the question: those with the same key first (case, spacing and
 * punctuation aside), then similar ones by trigram similarity, most alike first; at most five,
 * archived ones included (marked). A key shorter than DUPLICATE_KEY_MIN matches nothing.
 * Requires `briefs.view`; throws InvalidError for a question longer than a brief's.
 */
export async function findDuplicateQuestions(
  actor: Actor,
  input: { question: string; excludeBriefId?: string },
): Promise<DuplicateQuestion[]> {
  assertCan(actor, 'briefs.view');
  if (input.question.length > DOCUMENT_LIMITS.questionLength) {
    throw new InvalidError(
      `A question has at most ${DOCUMENT_LIMITS.questionLength} characters: this one cannot match another brief's.`,
    );
  }
  const key = questionKeyOf(input.question);
  const similarity = sql<number>`similarity(${briefs.questionKey}, ${key})`;
  const same = sql<boolean>`${briefs.questionKey} = ${key}`;
  const rows = await db()
    .select({
      id: briefs.id,
      question: briefs.question,
      state: briefs.state,
      published: briefs.published,
      slug: briefs.slug,
      archivedAt: briefs.archivedAt,
      same,
    })
    .from(briefs)
    .where(
      and(
        sql`char_length(${key}) >= ${DUPLICATE_KEY_MIN}`,
        // `%` (similarity at least pg_trgm's threshold, 0.3 by default) is what the trigram
        // index answers; the exact threshold is checked on the few rows it finds.
        sql`(${same} or (${briefs.questionKey} % ${key} and ${similarity} >= ${SIMILAR_QUESTION_THRESHOLD}))`,
        // An id no brief can have excludes nothing (and must not reach Postgres as a uuid).
        input.excludeBriefId && isId(input.excludeBriefId)
          ? ne(briefs.id, input.excludeBriefId)
          : undefined,
      ),
    )
    .orderBy(desc(same), desc(similarity), asc(briefs.question), asc(briefs.id))
    .limit(DUPLICATE_LIMIT);
  return rows.map((row) => ({
    id: row.id,
    question: row.question,
    kind: row.same ? 'same' : 'similar',
    state: row.state,
    stateLabel: stateLabels[row.state],
    published: row.published,
    slug: row.published ? row.slug : null,
    archived: row.archivedAt !== null,
  }));
}
