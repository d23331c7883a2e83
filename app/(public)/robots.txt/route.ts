import { connection } from 'next/server';
import { DOCUMENT_SECURITY_HEADERS, renderRobots } from '@/lib/publication/feeds';
import { getSiteSettings } from '@/lib/settings/site';

export async function GET() {
  await connection();
  return new Response(renderRobots(await getSiteSettings()), {
    headers: { 'content-type': 'text/plain; charset=utf-8', ...DOCUMENT_SECURITY_HEADERS },
  });
}
