import { NextResponse } from 'next/server';
import { jsonError, jsonRoute } from '@/app/_lib/json-route';
import { setThreadResolved } from '@/lib/comments/mutations';
import { resolutionSchema } from '@/lib/comments/schemas';

/** Resolves or reopens a thread: `{ resolved: true | false }` → `{ thread }`. */
export const POST = jsonRoute<{ id: string; threadId: string }>(
  async (actor, body, { id, threadId }) => {
    const request = resolutionSchema.safeParse(body);
    if (!request.success) {
      return jsonError(400, 'Say whether the thread is resolved: { "resolved": true } or false.');
    }
    const thread = await setThreadResolved(actor, id, threadId, request.data.resolved);
    return NextResponse.json({ thread });
  },
);
