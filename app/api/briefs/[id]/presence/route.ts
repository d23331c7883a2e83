import { NextResponse } from 'next/server';
import { z } from 'zod';
import { jsonError, jsonRoute } from '@/app/_lib/json-route';
import { touchPresence } from '@/lib/briefs/mutations';

/** Keeps the caller's "has this brief open" lease and lists the others who have it open. */
export const POST = jsonRoute<{ id: string }>(async (actor, _body, { id }) => {
  if (!z.uuid().safeParse(id).success) return jsonError(404, 'This brief does not exist.');
  return NextResponse.json({ others: await touchPresence(actor, id) });
});
