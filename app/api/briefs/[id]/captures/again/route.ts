import { NextResponse } from 'next/server';
import { z } from 'zod';
import { jsonError, jsonRoute } from '@/app/_lib/json-route';
import { idSchema } from '@/lib/content/record-id';
import { requestCaptureAgain } from '@/lib/sources/captures';

const captureAgainSchema = z.object({ sourceId: idSchema }).strict();

/** Asks for a new capture of one source's address (`Capture again`). */
export const POST = jsonRoute<{ id: string }>(async (actor, body, { id }) => {
  const request = captureAgainSchema.safeParse(body);
  if (!request.success) return jsonError(400, 'Say which source to capture again.');
  await requestCaptureAgain(actor, id, request.data.sourceId);
  return NextResponse.json({ requested: true });
});
