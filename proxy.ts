import { type NextRequest, NextResponse } from 'next/server';

/**
 * Security headers for the pages Next.js renders: a Content-Security-Policy with a fresh nonce
 * per request, which Next.js puts on its own scripts, so no other inline script runs. It runs for
 * every request but static files, prefetches included (a prefetch can be answered with a whole
 * page), so that every HTML response carries a policy. (This proxy is not an authorization
 * layer: every page and action checks the actor itself.)
 */
export function proxy(request: NextRequest) {
  if (OWN_POLICY.test(request.nextUrl.pathname)) return NextResponse.next();
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

// Route handlers that set a stricter policy of their own: the public brief pages (which run no
// script, and answer 404 with the same policy for any one segment) and the feed, sitemap and
// robots.txt and the claim reviews' JSON (which allow nothing).
const OWN_POLICY = /^\/(briefs\/[^/]+|feed\.xml|sitemap\.xml|robots\.txt|claimreview\.json)$/;

export const config = {
  // Everything but build output and static files; no `missing` clause for prefetch headers.
  matcher: [
    '/((?!_next/static/|_next/image|favicon.ico|favicon.svg|tokens.css|brief.css|site.css|chrome.css).*)',
  ],
};
