/**
 * What a site's robots.txt lets Factdesk's source checks fetch (robots-parser, for the user
 * agent ROBOTS_AGENT: rules for `Factdesk`, else for `*`). Pure: the job fetches the file.
 */
import robotsParser from 'robots-parser';

/** The product token our User-Agent starts with (lib/fetching/safe-fetch.ts), as robots.txt names it. */
export const ROBOTS_AGENT = 'Factdesk';
/** The longest Crawl-delay honoured between two requests to one host. */
export const MAX_CRAWL_DELAY_MS = 60_000;

export interface RobotsRules {
  allows(url: string): boolean;
  /** The pause the site asks for between requests (Crawl-delay), capped; 0 when none. */
  crawlDelayMs: number;
}

/**
 * The rules of a robots.txt fetched from `robotsUrl`. `text` is null when the site has none
 * (it answered an error status, or nothing): everything is allowed, as for crawlers generally.
 */
export function robotsRules(robotsUrl: string, text: string | null): RobotsRules {
  if (text === null) return { allows: () => true, crawlDelayMs: 0 };
  const robots = robotsParser(robotsUrl, text);
  const delay = robots.getCrawlDelay(ROBOTS_AGENT);
  return {
    // Undefined for an address of another site: not ours to refuse.
    allows: (url) => robots.isAllowed(url, ROBOTS_AGENT) !== false,
    crawlDelayMs:
      typeof delay === 'number' && delay > 0 ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : 0,
  };
}
