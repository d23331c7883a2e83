import { NextResponse } from 'next/server';
import { jsonRoute } from '@/app/_lib/json-route';
import { latestCaptures } from '@/lib/sources/captures';

/** The latest capture of each source of the brief, for the editor's source cards. */
export const POST = jsonRoute<{ id: string }>(async (actor, _body, { id }) => {
  const captures = await latestCaptures(actor, id);
  return NextResponse.json({ captures: Object.fromEntries(captures) });
});
