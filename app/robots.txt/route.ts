import { connection } from 'next/server';
import { siteSettings } from '@/lib/public/site';

export async function GET() {
  await connection();
  const { baseUrl } = siteSettings();
  const body = [
    'User-agent: *',
    'Disallow: /desk',
    'Disallow: /api',
    'Disallow: /login',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
