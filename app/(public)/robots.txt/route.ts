import { connection } from 'next/server';
import { DOCUMENT_SECURITY_HEADERS, renderRobots } from '@/lib/publication/feeds';
import { siteSettings } from '@/lib/publication/site';

export async function GET() {
  await connection();
  return new Response(renderRobots(siteSettings()), {
    headers: { 'content-type': 'text/plain; charset=utf-8', ...DOCUMENT_SECURITY_HEADERS },
  });
}
