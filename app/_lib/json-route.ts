import 'server-only';
import { NextResponse } from 'next/server';
import type { Actor } from '@/lib/auth/policy';
import { getActor } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
} from '@/lib/errors';
import { log } from '@/lib/log';

const MAX_BODY_BYTES = 1_100_000;

/** A JSON error answer: `{ error, fieldErrors? }`. */
export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error, ...extra }, { status });
}

function statusOf(error: DomainError): number {
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof InvalidError) return 400;
  return 400;
}

/**
 * Wraps a JSON route handler of the newsroom: same-origin requests only (a cross-site form
 * cannot post here), a signed-in actor re-read from the database, a size limit on the body,
 * and domain errors mapped to statuses. The handler validates the body with zod.
 */
export function jsonRoute<Params>(
  handler: (actor: Actor, body: unknown, params: Params) => Promise<Response>,
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    const origin = request.headers.get('origin');
    if (
      origin &&
      origin !== new URL(request.url).origin &&
      origin !== getConfig().FACTDESK_BASE_URL
    ) {
      return jsonError(403, 'Cross-site requests are not allowed.');
    }
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      return jsonError(415, 'Send JSON (Content-Type: application/json).');
    }
    const actor = await getActor();
    if (!actor)
      return jsonError(
        401,
        'You are signed out. Sign in again; your changes are kept on this device.',
      );
    const raw = await request.text();
    if (raw.length > MAX_BODY_BYTES) {
      return jsonError(
        413,
        'This brief is larger than 1 MB of content; split it or remove material.',
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return jsonError(400, 'The request is not valid JSON.');
    }
    try {
      return await handler(actor, body, await context.params);
    } catch (error) {
      if (error instanceof DomainError) {
        return jsonError(statusOf(error), error.message, { fieldErrors: error.fieldErrors });
      }
      log.error({ err: error, actorId: actor.id, url: request.url }, 'json route failed');
      return jsonError(
        500,
        'Something went wrong on our side. Your changes are kept on this device.',
      );
    }
  };
}
