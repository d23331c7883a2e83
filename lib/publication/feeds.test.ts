import { describe, expect, it } from 'vitest';
import { escapeXml, renderAtomFeed, renderRobots, renderSitemap } from './feeds';
import { defaultDisclaimer, type SiteSettings } from './render';
import { descendants, parseStrictXml, textOf } from './test-xml';

const site: SiteSettings = {
  name: 'Factdesk',
  baseUrl: 'https://facts.example',
  disclaimer: defaultDisclaimer,
  pages: { methodology: false, correctionsPolicy: false },
};
const ATOM = 'http://www.w3.org/2005/Atom';

// Everything a question or summary could hold that once broke the feed: CDATA ends (twice), a
// live XHTML element, markup characters, controls XML cannot hold, a lone surrogate.
const hostile = `Q]]>]]><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script> & <b>x</b> "' \u0002\u0008\u001f\uffff\ud800 end`;
const hostileText = `Q]]>]]><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script> & <b>x</b> "'  end`;

describe('escapeXml', () => {
  it('escapes markup and drops what XML 1.0 cannot hold, keeping everything else', () => {
    expect(escapeXml('a<b>&"\'\u0002\ud800 é 😀\t\n')).toBe('a&lt;b&gt;&amp;&quot;&apos; é 😀\t\n');
  });
});

describe('renderAtomFeed', () => {
  it('stays well-formed and shows hostile text as plain text, with no element from it', () => {
    const xml = renderAtomFeed(site, [
      { slug: 'a-brief', question: hostile, checkedOn: '2026-01-02', excerpt: hostile },
      { slug: 'older', question: 'Plain?', checkedOn: '2025-12-31', excerpt: 'Plain.' },
    ]);
    const feed = parseStrictXml(xml);
    expect(feed).toMatchObject({ uri: ATOM, name: 'feed' });
    expect(descendants(feed, 'script')).toEqual([]);
    expect(descendants(feed, 'b')).toEqual([]);
    const entries = descendants(feed, 'entry');
    expect(entries).toHaveLength(2);
    const [title] = descendants(entries[0]!, 'title');
    const [summary] = descendants(entries[0]!, 'summary');
    for (const element of [title!, summary!]) {
      expect(element.attributes.type).toBe('text');
      expect(textOf(element)).toBe(hostileText);
    }
    expect(textOf(descendants(entries[0]!, 'id')[0]!)).toBe('https://facts.example/briefs/a-brief');
    expect(textOf(descendants(entries[0]!, 'updated')[0]!)).toBe('2026-01-02T00:00:00+00:00');
    const updated = feed.children.find((c) => typeof c !== 'string' && c.name === 'updated');
    expect(updated && typeof updated !== 'string' && textOf(updated)).toBe(
      '2026-01-02T00:00:00+00:00',
    );
    expect(xml).not.toContain('CDATA');
  });

  it('dates each checked-on day at its first moment in the newsroom’s zone, with its offset', () => {
    const xml = renderAtomFeed(
      site,
      [
        { slug: 'winter', question: 'Winter?', checkedOn: '2025-12-06', excerpt: 'W.' },
        { slug: 'clocks-change', question: 'Spring?', checkedOn: '2025-03-30', excerpt: 'S.' },
        { slug: 'summer', question: 'Summer?', checkedOn: '2025-07-01', excerpt: 'S.' },
        { slug: 'broken', question: 'Broken?', checkedOn: 'not a day', excerpt: 'B.' },
      ],
      'Europe/Paris',
    );
    const feed = parseStrictXml(xml);
    const dates = descendants(feed, 'entry').map((entry) =>
      textOf(descendants(entry, 'updated')[0]!),
    );
    expect(dates).toEqual([
      '2025-12-06T00:00:00+01:00',
      '2025-03-30T00:00:00+01:00',
      '2025-07-01T00:00:00+02:00',
      // A value that is not a day takes the feed's own date.
      '2025-12-06T00:00:00+01:00',
    ]);
    // RFC 3339, as Atom requires: each is a real instant, the Paris midnight of its day.
    expect(new Date(dates[0]!).toISOString()).toBe('2025-12-05T23:00:00.000Z');
    expect(new Date(dates[2]!).toISOString()).toBe('2025-06-30T22:00:00.000Z');
  });

  it('is a valid feed with no entries', () => {
    const feed = parseStrictXml(renderAtomFeed(site, []));
    expect(descendants(feed, 'entry')).toEqual([]);
    expect(descendants(feed, 'author')).toHaveLength(1);
  });
});

describe('renderSitemap', () => {
  it('stays well-formed whatever the slugs and dates hold', () => {
    const xml = renderSitemap(site, [
      { slug: 'ok-slug', checkedOn: '2026-01-02' },
      { slug: `odd</loc>&\u0002"\ud800`, checkedOn: `<x>\u0002` },
    ]);
    const urlset = parseStrictXml(xml);
    expect(urlset.uri).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(descendants(urlset, 'loc').map(textOf)).toEqual([
      'https://facts.example/',
      'https://facts.example/briefs/ok-slug',
      'https://facts.example/briefs/odd%3C%2Floc%3E%26%22',
    ]);
    expect(descendants(urlset, 'lastmod').map(textOf)).toEqual(['2026-01-02']);
  });
});

describe('renderRobots', () => {
  it('keeps the newsroom out and cannot be given rules through the base URL', () => {
    const robots = renderRobots({ ...site, baseUrl: 'https://facts.example\nAllow: /desk' });
    expect(robots.split('\n').filter((line) => line.startsWith('Allow'))).toEqual([]);
    expect(robots).toContain('Disallow: /desk\n');
  });
});
