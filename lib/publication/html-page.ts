import { getConfig } from '@/lib/config';
import type { SiteSettings } from './render';
import { html, joinHtml, type SafeHtml } from './safe-html';

/**
 * The HTML shell of the public pages: the header (the site's name and the `Search` field) and
 * the footer (the site's own pages, name and disclaimer) that every public page shows, and the
 * whole page around them for the pages written by hand (brief pages, 404, 410, 503): no script,
 * the design tokens, the article's and the site's stylesheets, the icon. The React pages of the
 * public site show the same header and footer (app/(public)/layout.tsx). Light on purpose: the
 * production server imports it for its 503 page, without the renderer of rich text.
 */

/** What the header and footer show of the site. */
export type SiteChrome = Pick<SiteSettings, 'name' | 'disclaimer' | 'pages'>;

// These pages run no script at all; the JSON-LD block is data, which CSP does not execute.
// Stylesheets are files of this site ('self'): tokens.css, brief.css, site.css and chrome.css.
export const PUBLIC_PAGE_CSP =
  "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The header of every public page: the site's name, home, and a search of the briefs. */
export function siteHeader(site: SiteChrome): SafeHtml {
  return html`<header class="masthead"><a class="brand" href="/">${site.name}</a><search class="site-search"><form method="get" action="/search"><input type="search" name="q" aria-label="Search" placeholder="Search briefs" maxlength="200" required><button type="submit" class="search-button">Search</button></form></search></header>`;
}

/** The footer of every public page: what the newsroom publishes about its work. */
export function siteFooter(site: SiteChrome): SafeHtml {
  const links = joinHtml(
    [
      html`<a href="/">All briefs</a>`,
      html`<a href="/corrections">Corrections</a>`,
      site.pages.methodology && html`<a href="/methodology">Methodology</a>`,
      site.pages.correctionsPolicy && html`<a href="/corrections-policy">Corrections policy</a>`,
      html`<a href="/feed.xml">Feed</a>`,
    ],
    html` · `,
  );
  return html`<footer class="site-footer"><nav aria-label="About ${site.name}">${links}</nav><p class="site-name">${site.name}</p>${site.disclaimer && html`<p class="site-disclaimer">${site.disclaimer}</p>`}</footer>`;
}

/** A whole page: `head` holds the title and the page's metadata, `main` its content. */
export function publicHtmlPage(site: SiteChrome, head: SafeHtml, main: SafeHtml): string {
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
<link rel="stylesheet" href="/chrome.css">
</head>
<body>
${siteHeader(site)}
<main id="main">
${main}
</main>
${siteFooter(site)}
</body>
</html>`.toString();
}

/**
 * 503: the database cannot be reached and this page is not held in memory; the site's settings
 * live there too, so the page names the site as the environment does.
 */
export function renderUnavailable(): string {
  const site: SiteChrome = {
    name: getConfig().FACTDESK_SITE_NAME,
    disclaimer: '',
    pages: { methodology: false, correctionsPolicy: false },
  };
  return publicHtmlPage(
    site,
    html`<title>Temporarily unavailable — ${site.name}</title>\n<meta name="robots" content="noindex">`,
    html`<h1>This page is temporarily unavailable</h1>\n<p>We cannot reach our database right now. Please try again in a minute; pages you have visited recently may still open.</p>`,
  );
}
