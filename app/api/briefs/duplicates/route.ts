import { z } from 'zod';
import { jsonRead } from '@/app/_lib/json-route';
import { DOCUMENT_LIMITS } from '@/lib/content/limits';
import { safeString } from '@/lib/content/safe-text';
import { findDuplicateQuestions } from '@/lib/desk/duplicates';
import { InvalidError } from '@/lib/errors';
import { isId } from '@/lib/ids';

const querySchema = z
  .object({
    question: safeString('The question').max(
      DOCUMENT_LIMITS.questionLength,
      `Send a question of at most ${DOCUMENT_LIMITS.questionLength} characters.`,
    ),
    exclude: z
      .string()
      .refine(isId, 'exclude must be the id of a brief (the one being edited).')
      .optional(),
  })
  .strict();

/**
 * Other briefs asking the question typed: `?question=…&exclude=<id of the brief being edited>`
 * → `{ matches }` (lib/desk/duplicates). A GET (it changes nothing); staff only, never cached.
 */
export const GET = jsonRead('finding duplicate questions', async (actor, request) => {
  const url = new URL(request.url);
  if (!url.searchParams.has('question')) {
    throw new InvalidError('Send the question to compare as ?question=….');
  }
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    throw new InvalidError(query.error.issues.map((issue) => issue.message).join(' '));
  }
  return {
    matches: await findDuplicateQuestions(actor, {
      question: query.data.question,
      excludeBriefId: query.data.exclude,
    }),
  };
});
