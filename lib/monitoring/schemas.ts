import { z } from 'zod';

/** The longest review interval a brief may have (the database checks it too): ten years. */
export const MAX_REVIEW_INTERVAL_DAYS = 3660;

const intervalMessage = `Enter a whole number of days from 1 to ${MAX_REVIEW_INTERVAL_DAYS}, or leave it empty for none.`;

/**
 * The `Review interval (days)` field: empty for none, else a whole number of days. What the
 * form sends is text; the brief's id comes with it.
 */
export const reviewIntervalSchema = z.object({
  briefId: z.uuid({ error: 'Unknown brief.' }),
  reviewIntervalDays: z
    .string({ error: intervalMessage })
    .trim()
    .transform((value) => (value === '' ? null : value))
    .pipe(
      z
        .string()
        .regex(/^\d{1,4}$/, intervalMessage)
        .transform(Number)
        .pipe(
          z.number().int().min(1, intervalMessage).max(MAX_REVIEW_INTERVAL_DAYS, intervalMessage),
        )
        .nullable(),
    ),
});
export type ReviewIntervalInput = z.output<typeof reviewIntervalSchema>;
