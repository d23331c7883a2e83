import 'server-only';
import { forbidden, unauthorized, unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { noteDatabaseError } from '@/db/client';
import { getActor } from '@/lib/auth/session';
import { DomainError, databaseTroubleMessages, ForbiddenError } from '@/lib/errors';
import type { FormState } from '@/lib/form-state';
import { log } from '@/lib/log';
import type { Actor } from '@/lib/policy/policy';

const SECRET_FIELD = /password/i;

/**
 * Wraps a form's server action: resolves the actor, parses the form with zod, runs the handler,
 * and turns expected domain errors into form state. There is no way to run an action without an
 * actor: no session answers 401, a permission refusal 403.
 */
export function formAction<Schema extends z.ZodType, State extends FormState = FormState>(
  schema: Schema,
  handler: (actor: Actor, input: z.output<Schema>) => Promise<NoInfer<State>>,
) {
  return async (previous: State, formData: FormData): Promise<State> =>
    ({ ...(await run(previous, formData)), answeredAt: Date.now() }) as State;

  // Error states carry only FormState's fields; whatever a form adds to it is optional.
  async function run(_previous: State, formData: FormData): Promise<State | FormState> {
    let actor: Actor | null;
    try {
      actor = await getActor();
    } catch (error) {
      const trouble = noteDatabaseError(error);
      if (!trouble) throw error;
      return {
        status: 'error',
        message: `${databaseTroubleMessages[trouble]} Try again in a moment.`,
      };
    }
    if (!actor) unauthorized();
    const raw: Record<string, string> = {};
    for (const [key, value] of formData) {
      if (typeof value === 'string' && !key.startsWith('$ACTION')) raw[key] = value;
    }
    const values = Object.fromEntries(
      Object.entries(raw).filter(([key]) => !SECRET_FIELD.test(key)),
    );
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return {
        status: 'error',
        message: 'Please correct the fields marked below.',
        fieldErrors: z.flattenError(parsed.error).fieldErrors as FormState['fieldErrors'],
        values,
      };
    }
    try {
      return await handler(actor, parsed.data);
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof ForbiddenError) forbidden();
      if (error instanceof DomainError) {
        return { status: 'error', message: error.message, fieldErrors: error.fieldErrors, values };
      }
      const trouble = noteDatabaseError(error);
      if (trouble) {
        log.warn({ err: error, actorId: actor.id, trouble }, 'database trouble');
        return {
          status: 'error',
          message: `${databaseTroubleMessages[trouble]} What you typed is kept; try again in a moment.`,
          values,
        };
      }
      log.error(
        { err: error, actorId: actor.id, fields: Object.keys(values) },
        'form action failed',
      );
      return {
        status: 'error',
        message: 'Something went wrong on our side. What you typed is kept; try again in a moment.',
        values,
      };
    }
  }
}
