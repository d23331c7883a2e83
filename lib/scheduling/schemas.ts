import { z } from 'zod';
import { publishSchema } from '@/lib/workflow/schemas';

/**
 * What the scheduling forms may send: Publish's fields (the version and the note for readers),
 * and `Publish at` as the newsroom's wall clock (`2026-03-29T06:30`, what a datetime-local field
 * sends), which the action reads in the newsroom's time zone (wall-clock.ts).
 */
export const schedulePublicationSchema = publishSchema.extend({
  publishAt: z
    .string({ error: 'Enter a date and a time.' })
    .trim()
    .min(1, 'Enter a date and a time.')
    .max(30, 'Enter a date and a time.'),
});

export const cancelScheduleSchema = z.object({ briefId: z.uuid({ error: 'Unknown brief.' }) });
