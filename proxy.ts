import { type NextRequest, NextResponse } from 'next/server';

/**
 * Security headers for the pages Next.js renders: a Content-Security-Policy with a fresh nonce
 * per request, which Next.js puts on its own scripts, so no other inline script runs. (The
 * public brief pages are route handlers that run no script and set a stricter policy; this
 * proxy is not an authorization layer: every page and action checks the actor itself.)
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React and TipTap set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Route handlers (public brief pages, feeds, APIs) and static files set their own headers.
  matcher: [
    {
      source:
        '/((?!api|briefs/|feed.xml|sitemap.xml|robots.txt|site.css|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
