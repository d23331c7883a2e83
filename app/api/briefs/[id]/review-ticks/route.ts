import { NextResponse } from 'next/server';
import { z } from 'zod';
import { jsonError, jsonRoute } from '@/app/_lib/json-route';
import { idSchema } from '@/lib/content/record-id';
import { versionNumberSchema } from '@/lib/content/version-number';
import { setReviewTick } from '@/lib/workflow/ticks';

const tickSchema = z
  .object({
    purpose: z.enum(['review', 'recheck']),
    versionNumber: versionNumberSchema,
    sourceId: idSchema,
    ticked: z.boolean(),
  })
  .strict();

/** Saves one `Verified [n]` box of the reviewer as they tick or untick it. */
export const POST = jsonRoute<{ id: string }>(async (actor, body, { id }) => {
  const request = tickSchema.safeParse(body);
  if (!request.success) return jsonError(400, 'Say which source of which version, ticked or not.');
  await setReviewTick(actor, id, request.data);
  return NextResponse.json({ saved: true });
});
