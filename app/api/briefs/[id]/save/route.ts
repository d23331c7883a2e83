import { NextResponse } from 'next/server';
import { jsonError, jsonRoute } from '@/app/_lib/json-route';
import { saveBrief, VersionConflictError } from '@/lib/briefs/mutations';
import { saveRequestSchema } from '@/lib/briefs/schemas';
import { requestMissingCaptures } from '@/lib/sources/captures';
import { transaction } from '@/lib/transaction';

/**
 * Saves the editor's document (autosave or explicit), and asks for a capture of each source
 * whose address has none yet; 409 with the newer version on conflict.
 */
export const POST = jsonRoute<{ id: string }>(async (actor, body, { id }) => {
  const request = saveRequestSchema.safeParse(body);
  if (!request.success) return jsonError(400, 'This save request is malformed.');
  try {
    const saved = await transaction(async () => {
      const stored = await saveBrief(actor, id, {
        baseRevision: request.data.baseRevision,
        baseNumber: request.data.baseNumber,
        kind: request.data.kind,
        document: request.data.document,
        saveKey: request.data.saveKey,
        earlierKeys: request.data.earlierKeys,
      });
      await requestMissingCaptures(actor, id);
      return stored;
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
