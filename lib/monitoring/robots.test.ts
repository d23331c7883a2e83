import { describe, expect, it } from 'vitest';
import { MAX_CRAWL_DELAY_MS, robotsRules, robotsUrlOf, rulesOfAnswer } from './robots';

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

  it('belongs to one origin: scheme, host and port', () => {
    expect(robotsUrlOf('https://news.example/2024/budget?x=1')).toBe(robotsUrl);
    expect(robotsUrlOf('http://news.example/2024/budget')).toBe('http://news.example/robots.txt');
    expect(robotsUrlOf('https://news.example:8443/a')).toBe('https://news.example:8443/robots.txt');
    const rules = robotsRules(robotsUrl, 'User-agent: *\nDisallow: /private/\n');
    expect(rules.allows('https://news.example:443/private/page')).toBe(false);
    // The https file says nothing of the http pages: never taken as allowing them.
    expect(() => rules.allows('http://news.example/private/page')).toThrow(
      'https://news.example/robots.txt does not cover http://news.example/private/page',
    );
    expect(() => robotsRules(robotsUrl, null).allows('http://news.example/')).toThrow();
  });

  it('is taken from the answer: rules from a page, none from a 4xx, everything refused on a 5xx or no answer', () => {
    const page = 'https://news.example/private/page';
    const text = 'User-agent: *\nDisallow: /private/\n';
    expect(rulesOfAnswer(robotsUrl, { kind: 'answered', status: 200, text }).allows(page)).toBe(
      false,
    );
    for (const status of [404, 403, 410, 429]) {
      expect(rulesOfAnswer(robotsUrl, { kind: 'answered', status, text }).allows(page)).toBe(true);
    }
    expect(
      rulesOfAnswer(robotsUrl, { kind: 'answered', status: 503, text: '' }).refusal(
        'https://news.example/',
      ),
    ).toBe(
      'Factdesk could not read https://news.example/robots.txt: it answered HTTP 503. Until it can, Factdesk takes the site as refusing every page.',
    );
    const silent = rulesOfAnswer(robotsUrl, {
      kind: 'failed',
      message: 'news.example did not answer within 10 seconds, so Factdesk stopped waiting.',
    });
    expect(silent.allows('https://news.example/')).toBe(false);
    expect(silent.refusal('https://news.example/2024/budget')).toBe(
      'Factdesk could not read https://news.example/robots.txt: news.example did not answer within 10 seconds, so Factdesk stopped waiting. Until it can, Factdesk takes the site as refusing every page.',
    );
    expect(rulesOfAnswer(robotsUrl, { kind: 'answered', status: 200, text }).refusal(page)).toBe(
      'The robots.txt of news.example asks Factdesk not to fetch this page.',
    );
  });
});
