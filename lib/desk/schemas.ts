import { z } from 'zod';

/** What the assignment and archive forms may send (zod drops anything else). */
const briefId = z.uuid({ error: 'Unknown brief.' });

export const assignReviewerSchema = z.object({
  briefId,
  reviewerId: z.uuid({ error: 'Choose a reviewer.' }),
});

export const archiveSchema = z.object({ briefId });
