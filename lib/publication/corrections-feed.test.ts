import { describe, expect, it } from 'vitest';
import { renderCorrectionsFeed } from './corrections-feed';
import type { PublicCorrection } from './public-corrections';
import { defaultDisclaimer, type SiteSettings } from './render';
import { descendants, parseStrictXml, textOf } from './test-xml';

const site: SiteSettings = {
  name: 'Factdesk',
  baseUrl: 'https://facts.example',
  disclaimer: defaultDisclaimer,
  pages: { methodology: false, correctionsPolicy: false },
};
const ATOM = 'http://www.w3.org/2005/Atom';
const hostile = `Q]]><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script> & <b>x</b> "' \u0002\uffff\ud800 end`;
const hostileText = `Q]]><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script> & <b>x</b> "'  end`;

const correction = (overrides: Partial<PublicCorrection>): PublicCorrection => ({
  id: '0b6f4c1e-2d1a-4c8e-9a51-6a1f0d3c2b7a',
  kind: 'clarification',
  note: 'The figure is for 2024.',
  notedOn: '2026-01-02',
  createdAt: new Date('2026-01-02T09:30:00Z'),
  slug: 'a-brief',
  question: 'Did it happen?',
  ...overrides,
});

describe('renderCorrectionsFeed', () => {
  it('is a strict Atom feed: each note an entry with a stable id, its kind, brief and note', () => {
    const xml = renderCorrectionsFeed(site, [
      correction({ question: hostile, note: hostile }),
      correction({
        id: '7d2e1f00-0000-4000-8000-000000000001',
        kind: 'correction',
        createdAt: new Date('2025-12-31T23:00:00Z'),
        slug: 'older',
        question: 'Was it older?',
      }),
    ]);
    const feed = parseStrictXml(xml);
    expect(feed).toMatchObject({ uri: ATOM, name: 'feed' });
    expect(descendants(feed, 'script')).toEqual([]);
    expect(descendants(feed, 'b')).toEqual([]);
    const entries = descendants(feed, 'entry');
    expect(entries).toHaveLength(2);
    const [first, second] = entries as [(typeof entries)[0], (typeof entries)[0]];
    const child = (entry: typeof first, name: string) => descendants(entry, name)[0]!;
    expect(child(first, 'title').attributes.type).toBe('text');
    expect(textOf(child(first, 'title'))).toBe(`Clarification: ${hostileText}`);
    expect(child(first, 'summary').attributes.type).toBe('text');
    expect(textOf(child(first, 'summary'))).toBe(hostileText);
    expect(textOf(child(first, 'id'))).toBe('urn:uuid:0b6f4c1e-2d1a-4c8e-9a51-6a1f0d3c2b7a');
    expect(child(first, 'link').attributes.href).toBe(
      'https://facts.example/briefs/a-brief#correction-0b6f4c1e-2d1a-4c8e-9a51-6a1f0d3c2b7a',
    );
    expect(textOf(child(first, 'updated'))).toBe('2026-01-02T09:30:00.000Z');
    expect(textOf(child(second, 'title'))).toBe('Correction: Was it older?');
    const updated = feed.children.find((c) => typeof c !== 'string' && c.name === 'updated');
    expect(updated && typeof updated !== 'string' && textOf(updated)).toBe(
      '2026-01-02T09:30:00.000Z',
    );
    const self = descendants(feed, 'link').find((link) => link.attributes.rel === 'self');
    expect(self?.attributes.href).toBe('https://facts.example/corrections.xml');
    expect(xml).not.toContain('CDATA');
  });

  it('is a valid feed with no entries', () => {
    const feed = parseStrictXml(renderCorrectionsFeed(site, []));
    expect(descendants(feed, 'entry')).toEqual([]);
    expect(descendants(feed, 'author')).toHaveLength(1);
  });
});
