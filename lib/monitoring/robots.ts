/**
 * What a site's robots.txt lets Factdesk's source checks fetch (robots-parser, for the user
 * agent ROBOTS_AGENT: rules for `Factdesk`, else for `*`), as RFC 9309 says. Pure: the job
 * fetches the file.
 *
 * A robots.txt covers one origin (scheme, host and port): `http://a.example/robots.txt` says
 * nothing of `https://a.example/` pages. Its answer decides (RFC 9309 §2.3.1): a page (2xx) has
 * the rules; an error of the client's kind (4xx) means there are none, everything is allowed; a
 * server error (5xx) or no answer at all means it could not be read, and everything is taken as
 * disallowed until it can be.
 */
import robotsParser from 'robots-parser';

/** The product token our User-Agent starts with (lib/fetching/safe-fetch.ts), as robots.txt names it. */
export const ROBOTS_AGENT = 'Factdesk';
/** The longest Crawl-delay honoured between two requests to one host. */
export const MAX_CRAWL_DELAY_MS = 60_000;

export interface RobotsRules {
  /** Why Factdesk may not fetch `url` (a sentence for the newsroom); null when it may. */
  refusal(url: string): string | null;
  allows(url: string): boolean;
  /** The pause the site asks for between requests (Crawl-delay), capped; 0 when none. */
  crawlDelayMs: number;
}

/** What asking for a robots.txt came to. */
export type RobotsAnswer =
  | { kind: 'answered'; status: number; text: string }
  /** No answer (a network error, a timeout, a refused address): why, in a sentence. */
  | { kind: 'failed'; message: string };

/** The robots.txt of the origin of `pageUrl`: where it is, and the key its rules are kept by. */
export function robotsUrlOf(pageUrl: string): string {
  return new URL('/robots.txt', pageUrl).href;
}

/** The rules that the answer to a request for `robotsUrl` sets (the module's doc says how). */
export function rulesOfAnswer(robotsUrl: string, answer: RobotsAnswer): RobotsRules {
  if (answer.kind === 'failed') return unreadableRobots(robotsUrl, answer.message);
  if (answer.status >= 500) {
    return unreadableRobots(robotsUrl, `it answered HTTP ${answer.status}.`);
  }
  return robotsRules(robotsUrl, answer.status >= 400 ? null : answer.text);
}

/**
 * The rules of a robots.txt fetched from `robotsUrl`. `text` is null when the site has none
 * (it answered 4xx): everything is allowed.
 */
export function robotsRules(robotsUrl: string, text: string | null): RobotsRules {
  const robots = text === null ? null : robotsParser(robotsUrl, text);
  const delay = robots?.getCrawlDelay(ROBOTS_AGENT);
  const refusal = (url: string) => {
    assertSameOrigin(robotsUrl, url);
    return robots?.isAllowed(url, ROBOTS_AGENT) === false
      ? `The robots.txt of ${new URL(url).host} asks Factdesk not to fetch this page.`
      : null;
  };
  return {
    refusal,
    allows: (url) => refusal(url) === null,
    crawlDelayMs:
      typeof delay === 'number' && delay > 0 ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : 0,
  };
}

/** A robots.txt that could not be read (`why`, a sentence): every page is refused. */
function unreadableRobots(robotsUrl: string, why: string): RobotsRules {
  const refusal = (url: string) => {
    assertSameOrigin(robotsUrl, url);
    return `Factdesk could not read ${robotsUrl}: ${why} Until it can, Factdesk takes the site as refusing every page.`;
  };
  return { refusal, allows: (url) => refusal(url) === null, crawlDelayMs: 0 };
}

/** Rules of one origin asked about another's page: a mistake of the caller's, never allowed. */
function assertSameOrigin(robotsUrl: string, url: string): void {
  if (new URL(robotsUrl).origin !== new URL(url).origin) {
    throw new Error(`${robotsUrl} does not cover ${url}: read that origin's robots.txt.`);
  }
}
