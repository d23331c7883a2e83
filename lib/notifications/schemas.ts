import { z } from 'zod';
import { type NotificationKind, notificationKinds } from '@/db/enums';

export { type NotificationKind, notificationKinds };

/** The kinds a person gets by email: known kinds only, each once, in the list's order. */
export const emailKindsSchema = z
  .array(
    z.enum(notificationKinds, {
      error: `Choose among: ${notificationKinds.join(', ')}.`,
    }),
    { error: 'Choose the kinds of notification to get by email.' },
  )
  .transform((kinds) => notificationKinds.filter((kind) => kinds.includes(kind)));

/**
 * Account's `Email me about` form: one checkbox per kind, named by the kind (a ticked box sends
 * `on`, an unticked one nothing), into the list of kinds ticked.
 */
export const emailChoicesFormSchema = z
  .object(
    Object.fromEntries(
      notificationKinds.map((kind) => [
        kind,
        z.literal('on', { error: 'Tick the box, or leave it empty.' }).optional(),
      ]),
    ) as {
      [K in NotificationKind]: z.ZodOptional<z.ZodLiteral<'on'>>;
    },
  )
  .transform((form) => ({ kinds: notificationKinds.filter((kind) => form[kind] === 'on') }));

export type EmailChoicesInput = z.output<typeof emailChoicesFormSchema>;

export const markReadSchema = z.object({
  notificationId: z.string({ error: 'Which notification?' }).min(1, 'Which notification?'),
});

/** The page of the notifications list, from its `page` parameter (a bad one is the first). */
export const notificationsPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
