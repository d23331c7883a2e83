import { NextResponse } from 'next/server';
import { z } from 'zod';
import { jsonError } from '@/app/_lib/json-route';
import { noteDatabaseError } from '@/db/client';
import { getActor } from '@/lib/auth/session';
import { DOCUMENT_LIMITS } from '@/lib/content/limits';
import { safeString } from '@/lib/content/safe-text';
import { findDuplicateQuestions } from '@/lib/desk/duplicates';
import { databaseTroubleMessages, ForbiddenError, InvalidError } from '@/lib/errors';
import { isId } from '@/lib/ids';
import { log } from '@/lib/log';

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
export async function GET(request: Request) {
  try {
    const actor = await getActor();
    if (!actor) return jsonError(401, 'You are signed out. Sign in again to compare questions.');
    const url = new URL(request.url);
    if (!url.searchParams.has('question')) {
      return jsonError(400, 'Send the question to compare as ?question=….');
    }
    const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      return jsonError(400, query.error.issues.map((issue) => issue.message).join(' '));
    }
    const matches = await findDuplicateQuestions(actor, {
      question: query.data.question,
      excludeBriefId: query.data.exclude,
    });
    return NextResponse.json({ matches }, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    if (error instanceof ForbiddenError) return jsonError(403, error.message);
    if (error instanceof InvalidError) return jsonError(400, error.message);
    const trouble = noteDatabaseError(error);
    if (trouble) return jsonError(503, databaseTroubleMessages[trouble]);
    log.error({ err: error, url: request.url }, 'finding duplicate questions failed');
    return jsonError(500, 'Something went wrong on our side. Try again in a moment.');
  }
}
