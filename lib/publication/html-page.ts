import { html, type SafeHtml } from './safe-html';

/**
 * The HTML shell of the public pages written by hand (brief pages, 404, 410, 503): no script,
 * the design tokens, the article's and the site's stylesheets, the icon. Light on purpose: the
 * production server imports it for its 503 page, without the renderer of rich text.
 */

export const SITE_NAME = 'Factdesk';

// These pages run no script at all; the JSON-LD block is data, which CSP does not execute.
// Stylesheets are files of this site ('self'): tokens.css, brief.css and site.css.
export const PUBLIC_PAGE_CSP =
  "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** A whole page: `head` holds the title and the page's metadata, `main` its content. */
export function publicHtmlPage(siteName: string, head: SafeHtml, main: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
${head}
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/tokens.css">
<link rel="stylesheet" href="/brief.css">
<link rel="stylesheet" href="/site.css">
</head>
<body>
<header class="masthead"><a class="brand" href="/">${siteName}</a></header>
<main id="main">
${main}
</main>
<footer class="site-footer"><a href="/">All briefs</a></footer>
</body>
</html>`.toString();
}

/** 503: the database cannot be reached and this page is not held in memory. */
export function renderUnavailable(): string {
  return publicHtmlPage(
    SITE_NAME,
    html`<title>Temporarily unavailable — ${SITE_NAME}</title>\n<meta name="robots" content="noindex">`,
    html`<h1>This page is temporarily unavailable</h1>\n<p>We cannot reach our database right now. Please try again in a minute; pages you have visited recently may still open.</p>`,
  );
}
