import { createHash } from 'node:crypto';
import { getDb } from '@/db/client';
import { captureContents, sourceCaptures } from '@/db/schema';

/** Stores a finished capture of a source's address, as the capture worker would. */
export async function storeCapture(
  briefId: string,
  sourceId: string,
  url: string,
  body: string | null,
) {
  const sha256 = body === null ? null : createHash('sha256').update(body).digest('hex');
  if (sha256) {
    await getDb()
      .insert(captureContents)
      .values({
        sha256,
        byteLength: body!.length,
        compressed: Buffer.from(body!),
        mediaType: 'text/html',
      })
      .onConflictDoNothing();
  }
  await getDb()
    .insert(sourceCaptures)
    .values({
      briefId,
      sourceId,
      url,
      state: sha256 ? 'captured' : 'failed',
      fetchedAt: new Date(),
      contentSha256: sha256,
      failureReason: sha256 ? null : 'http',
      failureMessage: sha256 ? null : 'example.org answered HTTP 404: the page was not captured.',
    });
  return sha256;
}
