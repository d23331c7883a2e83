import { describe, expect, it } from 'vitest';
import { MAX_CRAWL_DELAY_MS, robotsRules } from './robots';

const robotsUrl = 'https://news.example/robots.txt';

describe("a site's robots.txt", () => {
  it('allows everything when the site has none', () => {
    const rules = robotsRules(robotsUrl, null);
    expect(rules.allows('https://news.example/private/page')).toBe(true);
    expect(rules.crawlDelayMs).toBe(0);
  });

  it('follows the rules for every robot', () => {
    const rules = robotsRules(robotsUrl, 'User-agent: *\nDisallow: /private/\n');
    expect(rules.allows('https://news.example/private/page')).toBe(false);
    expect(rules.allows('https://news.example/2024/budget')).toBe(true);
  });

  it('follows the rules written for Factdesk over those for every robot', () => {
    const text = 'User-agent: *\nDisallow: /\n\nUser-agent: Factdesk\nAllow: /\nCrawl-delay: 5\n';
    const rules = robotsRules(robotsUrl, text);
    expect(rules.allows('https://news.example/2024/budget')).toBe(true);
    expect(rules.crawlDelayMs).toBe(5000);
    const refused = robotsRules(robotsUrl, 'User-agent: factdesk\nDisallow: /2024/\n');
    expect(refused.allows('https://news.example/2024/budget')).toBe(false);
    expect(refused.allows('https://news.example/2023/budget')).toBe(true);
  });

  it('caps the Crawl-delay it honours', () => {
    expect(robotsRules(robotsUrl, 'User-agent: *\nCrawl-delay: 3600\n').crawlDelayMs).toBe(
      MAX_CRAWL_DELAY_MS,
    );
  });
});
