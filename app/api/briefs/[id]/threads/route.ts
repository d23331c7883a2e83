import { NextResponse } from 'next/server';
import { jsonError, jsonRoute } from '@/app/_lib/json-route';
import { noteDatabaseError } from '@/db/client';
import { getActor } from '@/lib/auth/session';
import { startThread } from '@/lib/comments/mutations';
import { listThreads } from '@/lib/comments/queries';
import type { StartThreadInput } from '@/lib/comments/schemas';
import { databaseTroubleMessages, ForbiddenError, NotFoundError } from '@/lib/errors';
import { log } from '@/lib/log';

/**
 * The brief's comment threads, oldest first, with their comments: `{ threads }`. A GET (it
 * changes nothing), so it has jsonRoute's guards without a body: a signed-in actor re-read from
 * the database, lib's answer or its refusal as a status.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await getActor();
    if (!actor) return jsonError(401, 'You are signed out. Sign in again to read the comments.');
    const { id } = await params;
    return NextResponse.json(
      { threads: await listThreads(actor, id) },
      { headers: { 'cache-control': 'private, no-store' } },
    );
  } catch (error) {
    if (error instanceof ForbiddenError) return jsonError(403, error.message);
    if (error instanceof NotFoundError) return jsonError(404, error.message);
    const trouble = noteDatabaseError(error);
    if (trouble) return jsonError(503, databaseTroubleMessages[trouble]);
    log.error({ err: error, url: request.url }, 'reading comment threads failed');
    return jsonError(500, 'Something went wrong on our side. Try again in a moment.');
  }
}

/** Starts a thread on a passage: `{ anchor, body }` → `{ thread }`. */
export const POST = jsonRoute<{ id: string }>(async (actor, body, { id }) => {
  const thread = await startThread(actor, id, body as StartThreadInput);
  return NextResponse.json({ thread });
});
