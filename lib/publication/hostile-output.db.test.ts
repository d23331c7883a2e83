import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs, briefVersions, corrections } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { unsafeCharacter } from '@/lib/content/safe-text';
import { makeSource } from '@/lib/content/test-fixtures';
import { publishBrief } from '@/lib/publication/mutations';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import { renderAtomFeed, renderSitemap } from './feeds';
import {
  getPublicBrief,
  listPublicBriefs,
  listPublishedSlugs,
  searchPublicBriefs,
} from './queries';
import { defaultDisclaimer, renderPublicBrief, type SiteSettings } from './render';
import { snippetParts } from './search';
import { descendants, parseStrictXml, textOf } from './test-xml';

const site: SiteSettings = {
  name: 'Factdesk',
  baseUrl: 'https://facts.example',
  disclaimer: defaultDisclaimer,
  pages: { methodology: false, correctionsPolicy: false },
};

// What the input boundary now refuses but older data (or a direct write) may hold: CDATA ends,
// live markup, an XHTML script element, controls XML cannot hold, U+FFFF, bidi controls, and
// the two characters ts_headline marks matches with.
const evil = `]]>]]><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script> & <b>bold</b> \u0002\u0008\u001b\uffff`;
const question = `Did the ferry ${evil} stop?`;

const text = (value: string) => ({ type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content }],
});
const cite = (citationId: string) => ({
  type: 'citation',
  attrs: { citationId, sourceId: 'a', locator: null },
});

function hostileDocument(): BriefDocument {
  return {
    ...emptyBriefDocument(),
    question,
    summary: paragraph(
      text(`The ferry stopped. \u0002forged\u0003 highlight, and a summary ${evil}`),
      cite('c1'),
    ),
    body: paragraph(text(`Body ${evil}`), cite('c2')),
    relatedQuestions: [{ text: `Related ${evil}?` }],
    sources: [
      makeSource('a', {
        title: `Report ${evil}`,
        url: 'https://evil.example/\u202Emoc.elgoog',
        publisher: `Publisher ${evil}`,
        author: `Author ${evil}`,
      }),
    ],
  } as BriefDocument;
}

/** Publishes a brief whose version was written straight to the database, past the input checks. */
async function publishHostileBrief(): Promise<string> {
  const editor = await createTestPerson('editor');
  const reviewer = await createTestPerson('reviewer');
  const { id } = await createBrief(editor);
  const saved = await saveBrief(editor, id, {
    baseRevision: 1,
    kind: 'save',
    document: {
      ...emptyBriefDocument(),
      question: 'Did the ferry stop?',
      summary: paragraph(text('The ferry stopped.'), cite('c1')),
      body: paragraph(text('Body'), cite('c2')),
      sources: [makeSource('a')],
    } as BriefDocument,
  });
  await getDb()
    .update(briefVersions)
    .set({ content: hostileDocument() })
    .where(and(eq(briefVersions.briefId, id), eq(briefVersions.number, saved.head.number)));
  await submitForReview(editor, id);
  await approveBrief(reviewer, id, { versionNumber: saved.head.number, verifiedSourceIds: ['a'] });
  await publishBrief(reviewer, id, { versionNumber: saved.head.number });
  await getDb()
    .insert(corrections)
    .values({
      briefId: id,
      kind: 'correction',
      note: `Note ${evil}`,
      notedOn: '2026-01-02',
      createdBy: reviewer.id,
    });
  const [row] = await getDb().select({ slug: briefs.slug }).from(briefs).where(eq(briefs.id, id));
  return row!.slug!;
}

const visibleEvil = `]]>]]><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script> & <b>bold</b> `;

describe('public outputs of hostile published text', () => {
  it('keep the feed, the sitemap and the brief page well-formed, with no markup from the text', async () => {
    const slug = await publishHostileBrief();

    const feed = parseStrictXml(renderAtomFeed(site, (await listPublicBriefs(1)).items));
    expect(descendants(feed, 'script')).toEqual([]);
    expect(descendants(feed, 'b')).toEqual([]);
    const [entry] = descendants(feed, 'entry');
    expect(textOf(descendants(entry!, 'title')[0]!)).toBe(`Did the ferry ${visibleEvil} stop?`);
    expect(textOf(descendants(entry!, 'summary')[0]!)).toContain(`a summary ${visibleEvil}`);

    const sitemap = parseStrictXml(renderSitemap(site, await listPublishedSlugs()));
    expect(descendants(sitemap, 'loc').map(textOf)).toContain(`${site.baseUrl}/briefs/${slug}`);

    const found = await getPublicBrief(slug);
    if (found.status !== 'published') throw new Error('expected a published brief');
    const html = renderPublicBrief(found.brief, site);
    expect(unsafeCharacter(html)).toBeNull();
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    // One script element: the JSON-LD. Every hostile tag arrives escaped.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<b>bold');
    expect(html).not.toContain('alert(1)</script>');
    expect(html.split('&lt;script xmlns=').length - 1).toBeGreaterThanOrEqual(7);
    const jsonLd = JSON.parse(
      html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1] ?? '',
    );
    expect(jsonLd.mainEntity.headline).toBe(`Did the ferry ${visibleEvil}\u0002\u0008\u001b stop?`);
    expect(html).toContain('>evil.example/moc.elgoog</a>');
  });

  it('mark only real matches in search snippets, and answer a query of U+0000 with nothing', async () => {
    await publishHostileBrief();
    const { hits } = await searchPublicBriefs('ferry');
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const marked = snippetParts(hit.snippet).filter((part) => part.match);
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.map((part) => part.text.toLowerCase())).toEqual(marked.map(() => 'ferry'));
    }
    expect(await searchPublicBriefs('\u0000')).toEqual({ hits: [], total: 0 });
    expect((await searchPublicBriefs('ferry\u0000')).hits.length).toBe(hits.length);
  });
});
