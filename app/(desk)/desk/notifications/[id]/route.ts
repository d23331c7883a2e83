import { getActor } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { markRead } from '@/lib/notifications/mutations';
import { can } from '@/lib/policy/policy';

const text = (body: string, status: number) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' },
  });

// A relative Location: right whatever host name the server is reached by.
const seeOther = (path: string) => new Response(null, { status: 303, headers: { location: path } });

/**
 * Opens a notification: marks it read (one's own only) and goes on to its brief, or back to the
 * list when it names none. A GET, so that it is a link people can follow (and open in a new
 * tab); marking one's own notification read is all it can do.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  if (!actor) {
    const back = encodeURIComponent(new URL(request.url).pathname);
    return seeOther(`/login?callbackUrl=${back}`);
  }
  if (!can(actor, 'notifications.view')) return text('You may not read notifications.', 403);
  try {
    const { briefId } = await markRead(actor, id);
    const next = briefId ? `/desk/briefs/${briefId}` : '/desk/notifications';
    return seeOther(next);
  } catch (error) {
    if (error instanceof NotFoundError) return text(error.message, 404);
    throw error;
  }
}
