import { NextResponse } from 'next/server';
import { jsonRoute } from '@/app/_lib/json-route';
import { replyToThread } from '@/lib/comments/mutations';
import type { ReplyInput } from '@/lib/comments/schemas';

/**
 * Answers a thread: `{ body, resolve? }` → `{ thread }` (`resolve: true` replies and resolves,
 * `false` replies and reopens).
 */
export const POST = jsonRoute<{ id: string; threadId: string }>(
  async (actor, body, { id, threadId }) => {
    const thread = await replyToThread(actor, id, threadId, body as ReplyInput);
    return NextResponse.json({ thread });
  },
);
