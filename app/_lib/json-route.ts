import 'server-only';
import { NextResponse } from 'next/server';
import { noteDatabaseError } from '@/db/client';
import { getActor } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { DOCUMENT_LIMITS } from '@/lib/content/limits';
import { tooLargeMessage } from '@/lib/content/validate';
import {
  ConflictError,
  DomainError,
  databaseTroubleMessages,
  ForbiddenError,
  InvalidError,
  NotFoundError,
} from '@/lib/errors';
import { log } from '@/lib/log';
import type { Actor } from '@/lib/policy/policy';

// A brief's stored JSON may have 1 MB; the request carries it with a little more around it.
const MAX_BODY_BYTES = DOCUMENT_LIMITS.jsonBytes + 100_000;

/** `application/json`, with or without parameters (`; charset=utf-8`), and nothing else. */
function isJsonContentType(header: string | null): boolean {
  const type = header?.split(';', 1)[0];
  return type?.trim().toLowerCase() === 'application/json';
}

/** The body as text, or null as soon as it exceeds `max` bytes (nothing more is read). */
async function readBody(request: Request, max: number): Promise<string | null> {
  if (Number(request.headers.get('content-length')) > max) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

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
 * Wraps a newsroom GET that reads (it changes nothing, so it has no body and no origin check):
 * a signed-in actor re-read from the database, lib's answer as JSON never cached, its refusal
 * as a status, and the database's trouble as a 503. `what` names what failed, for the log.
 */
export function jsonRead<Params>(
  what: string,
  handler: (actor: Actor, request: Request, params: Params) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const actor = await getActor();
      if (!actor) return jsonError(401, 'You are signed out. Sign in again to go on.');
      return NextResponse.json(await handler(actor, request, await context.params), {
        headers: { 'cache-control': 'private, no-store' },
      });
    } catch (error) {
      const trouble = noteDatabaseError(error);
      if (trouble) return jsonError(503, databaseTroubleMessages[trouble]);
      if (error instanceof DomainError) return jsonError(statusOf(error), error.message);
      log.error({ err: error, url: request.url }, `${what} failed`);
      return jsonError(500, 'Something went wrong on our side. Try again in a moment.');
    }
  };
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
    try {
      return await answer(request, context);
    } catch (error) {
      const trouble = noteDatabaseError(error);
      if (trouble) {
        log.warn({ err: error, url: request.url, trouble }, 'database trouble');
        return jsonError(
          503,
          `${databaseTroubleMessages[trouble]} Your changes are kept on this device and will be saved when it is back.`,
        );
      }
      if (error instanceof DomainError) {
        return jsonError(statusOf(error), error.message, { fieldErrors: error.fieldErrors });
      }
      log.error({ err: error, url: request.url }, 'json route failed');
      return jsonError(
        500,
        'Something went wrong on our side. Your changes are kept on this device.',
      );
    }
  };

  async function answer(request: Request, context: { params: Promise<Params> }) {
    const origin = request.headers.get('origin');
    if (
      origin &&
      origin !== new URL(request.url).origin &&
      origin !== getConfig().FACTDESK_BASE_URL
    ) {
      return jsonError(403, 'Cross-site requests are not allowed.');
    }
    if (!isJsonContentType(request.headers.get('content-type'))) {
      return jsonError(415, 'Send JSON (Content-Type: application/json).');
    }
    const actor = await getActor();
    if (!actor)
      return jsonError(
        401,
        'You are signed out. Sign in again; your changes are kept on this device.',
      );
    const raw = await readBody(request, MAX_BODY_BYTES);
    if (raw === null) return jsonError(413, tooLargeMessage());
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return jsonError(400, 'The request is not valid JSON.');
    }
    return handler(actor, body, await context.params);
  }
}
