import { NextResponse } from 'next/server';
import { jsonError, jsonRoute } from '@/app/_lib/json-route';
import { saveBrief, VersionConflictError } from '@/lib/briefs/mutations';
import { saveRequestSchema } from '@/lib/briefs/schemas';

/** Saves the editor's document (autosave or explicit); 409 with the newer version on conflict. */
export const POST = jsonRoute<{ id: string }>(async (actor, body, { id }) => {
  const request = saveRequestSchema.safeParse(body);
  if (!request.success) return jsonError(400, 'This save request is malformed.');
  try {
    const saved = await saveBrief(actor, id, {
      baseRevision: request.data.baseRevision,
      baseNumber: request.data.baseNumber,
      kind: request.data.kind,
      document: request.data.document,
      saveKey: request.data.saveKey,
      earlierKeys: request.data.earlierKeys,
    });
    return NextResponse.json(saved);
  } catch (error) {
    if (error instanceof VersionConflictError) {
      return NextResponse.json(
        { error: error.message, head: error.head, document: error.document },
        { status: 409 },
      );
    }
    throw error;
  }
});
