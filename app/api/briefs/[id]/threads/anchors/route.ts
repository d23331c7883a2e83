import { NextResponse } from 'next/server';
import { z } from 'zod';
import { jsonError, jsonRoute } from '@/app/_lib/json-route';
import { updateThreadAnchors } from '@/lib/comments/mutations';
import type { AnchorUpdateInput } from '@/lib/comments/schemas';

const requestSchema = z.object({ anchors: z.array(z.unknown()) }).strict();

/**
 * Moves the brief's threads to where the editor mapped them through its edits, after a save:
 * `{ anchors: [{ threadId, part, start, end, quote, prefix, suffix, detached? }] }` →
 * `{ updated: n }` (threads of other briefs are left alone and not counted).
 */
export const POST = jsonRoute<{ id: string }>(async (actor, body, { id }) => {
  const request = requestSchema.safeParse(body);
  if (!request.success) return jsonError(400, 'Send the anchors as { "anchors": [ … ] }.');
  const { updated } = await updateThreadAnchors(
    actor,
    id,
    request.data.anchors as AnchorUpdateInput,
  );
  return NextResponse.json({ updated });
});
