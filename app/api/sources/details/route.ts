import { NextResponse } from 'next/server';
import { z } from 'zod';
import { jsonError, jsonRoute } from '@/app/_lib/json-route';
import { fetchSourceDetails } from '@/lib/sources/details';

const requestSchema = z.object({ url: z.string().trim().min(1).max(2048) }).strict();

/**
 * Fetch details for the source form: `{ url }` (an address or a DOI) → the details found, or why
 * none could be (still 200: the request was fine, the remote page was not). Bad input is a 400.
 */
export const POST = jsonRoute(async (actor, body) => {
  const request = requestSchema.safeParse(body);
  if (!request.success) {
    return jsonError(
      400,
      'Enter the source’s address (https://…) or DOI, of at most 2,048 characters, to fetch its details.',
    );
  }
  return NextResponse.json(await fetchSourceDetails(actor, request.data.url));
});
