import { NextResponse } from 'next/server';
import { jsonRead, jsonRoute } from '@/app/_lib/json-route';
import { startThread } from '@/lib/comments/mutations';
import { listThreads } from '@/lib/comments/queries';
import type { StartThreadInput } from '@/lib/comments/schemas';

/** The brief's comment threads, oldest first, with their comments: `{ threads }`. */
export const GET = jsonRead<{ id: string }>(
  'reading comment threads',
  async (actor, _request, { id }) => ({ threads: await listThreads(actor, id) }),
);

/** Starts a thread on a passage: `{ anchor, body }` → `{ thread }`. */
export const POST = jsonRoute<{ id: string }>(async (actor, body, { id }) => {
  const thread = await startThread(actor, id, body as StartThreadInput);
  return NextResponse.json({ thread });
});
