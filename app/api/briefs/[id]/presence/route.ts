import { NextResponse } from 'next/server';
import { jsonRoute } from '@/app/_lib/json-route';
import { touchPresence } from '@/lib/briefs/mutations';

/** Keeps the caller's "has this brief open" lease and lists the others who have it open. */
export const POST = jsonRoute<{ id: string }>(async (actor, _body, { id }) => {
  return NextResponse.json({ others: await touchPresence(actor, id) });
});
