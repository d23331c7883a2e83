import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { sitePageVersions, siteSettings } from '@/db/schema';
import { ConflictError, ForbiddenError, InvalidError } from '@/lib/errors';
import type { Actor } from '@/lib/policy/policy';
import { createTestPerson } from '@/lib/users/test-people';
import { getSitePage, getSitePageVersion, listSitePageVersions, saveSitePage } from './pages';
import { defaultRatingScale } from './rating-scale';
import {
  getRatingScale,
  getSiteIdentity,
  getSiteSettings,
  updateRatingScale,
  updateSiteIdentity,
} from './site';

let admin: Actor;
let reviewer: Actor;
let editor: Actor;

beforeAll(async () => {
  admin = await createTestPerson('admin');
  reviewer = await createTestPerson('reviewer');
  editor = await createTestPerson('editor');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await getDb().delete(siteSettings);
});

const paragraphs = (...texts: string[]) => ({
  type: 'doc',
  content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

describe('site settings', () => {
  it('falls back to the environment, then the built-in defaults', async () => {
    vi.stubEnv('FACTDESK_SITE_NAME', 'Checkpoint');
    vi.stubEnv('FACTDESK_DISCLAIMER', 'Verify before sharing.');
    const site = await getSiteSettings();
    expect(site.name).toBe('Checkpoint');
    expect(site.disclaimer).toBe('Verify before sharing.');
    expect(await getRatingScale()).toEqual(defaultRatingScale);
  });

  it('uses what an admin set, and goes back to the default when a field is emptied', async () => {
    vi.stubEnv('FACTDESK_SITE_NAME', 'Checkpoint');
    await updateSiteIdentity(admin, {
      siteName: '  The Verifier ',
      disclaimer: 'Read the sources.',
    });
    expect(await getSiteIdentity(admin)).toEqual({
      siteName: 'The Verifier',
      disclaimer: 'Read the sources.',
    });
    expect((await getSiteSettings()).name).toBe('The Verifier');
    await updateSiteIdentity(admin, { siteName: '', disclaimer: 'Read the sources.' });
    expect((await getSiteSettings()).name).toBe('Checkpoint');
    expect((await getSiteSettings()).disclaimer).toBe('Read the sources.');
  });

  it('refuses control characters and overlong values with the field named, and non-admins', async () => {
    const bad = await updateSiteIdentity(admin, { siteName: 'A\u0007B', disclaimer: '' }).catch(
      (error: unknown) => error,
    );
    expect(bad).toBeInstanceOf(InvalidError);
    expect((bad as InvalidError).fieldErrors?.siteName?.[0]).toMatch(
      /Site name contains a control/,
    );
    await expect(
      updateSiteIdentity(admin, { siteName: 'x'.repeat(81), disclaimer: '' }),
    ).rejects.toThrow(InvalidError);
    await expect(updateSiteIdentity(reviewer, { siteName: 'X', disclaimer: '' })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(getSiteIdentity(editor)).rejects.toThrow(ForbiddenError);
  });

  it('keeps a rating scale an admin saved, and refuses a bad one with the level named', async () => {
    const scale = [
      { label: 'Accurate', explanation: '' },
      { label: 'Misleading', explanation: 'Accurate facts, wrong picture.' },
      { label: 'False', explanation: '' },
    ];
    await updateRatingScale(admin, scale);
    expect(await getRatingScale()).toEqual(scale);
    const twice = await updateRatingScale(admin, [...scale, { label: 'false', explanation: '' }])
      .then(() => null)
      .catch((error: unknown) => error);
    expect(twice).toBeInstanceOf(InvalidError);
    expect(Object.keys((twice as InvalidError).fieldErrors ?? {})).toEqual(['levels.3.label']);
    await expect(updateRatingScale(reviewer, scale)).rejects.toThrow(ForbiddenError);
  });
});

describe('the newsroom’s own pages', () => {
  it('keeps every saved text as a version and shows readers the latest', async () => {
    expect(await getSitePage('corrections-policy')).toBeNull();
    expect((await getSiteSettings()).pages.correctionsPolicy).toBe(false);
    expect(
      await saveSitePage(admin, 'corrections-policy', {
        basedOn: 0,
        content: paragraphs('First.'),
      }),
    ).toEqual({ number: 1 });
    await saveSitePage(admin, 'corrections-policy', { basedOn: 1, content: paragraphs('Second.') });
    const page = await getSitePage('corrections-policy');
    expect(page?.number).toBe(2);
    expect(page?.content).toEqual(paragraphs('Second.'));
    expect(page?.authorName).toBe(admin.name);
    expect((await getSiteSettings()).pages.correctionsPolicy).toBe(true);
    expect((await listSitePageVersions(admin, 'corrections-policy')).map((v) => v.number)).toEqual([
      2, 1,
    ]);
    expect((await getSitePageVersion(admin, 'corrections-policy', 1)).content).toEqual(
      paragraphs('First.'),
    );
    // Versions are kept as written: the database refuses to change one.
    await expect(
      getDb().update(sitePageVersions).set({ number: 9 }).where(eq(sitePageVersions.number, 1)),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
  });

  it('refuses a save based on an older version instead of overwriting it', async () => {
    const { number } = await saveSitePage(admin, 'methodology', {
      basedOn: (await getSitePage('methodology'))?.number ?? 0,
      content: paragraphs('Mine.'),
    });
    await expect(
      saveSitePage(admin, 'methodology', { basedOn: number - 1, content: paragraphs('Theirs.') }),
    ).rejects.toThrow(ConflictError);
    expect((await getSitePage('methodology'))?.content).toEqual(paragraphs('Mine.'));
  });

  it('gives two saves at the same moment on the same version one success and one conflict', async () => {
    const basedOn = (await getSitePage('methodology'))?.number ?? 0;
    const results = await Promise.allSettled([
      saveSitePage(admin, 'methodology', { basedOn, content: paragraphs('One.') }),
      saveSitePage(admin, 'methodology', { basedOn, content: paragraphs('Two.') }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const [count] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(sitePageVersions)
      .where(
        and(eq(sitePageVersions.page, 'methodology'), eq(sitePageVersions.number, basedOn + 1)),
      );
    expect(count?.n).toBe(1);
  });

  it('refuses citations, unknown nodes, links that are not http(s) or mailto, empty text, and non-admins', async () => {
    const save = (content: unknown) =>
      saveSitePage(admin, 'methodology', { basedOn: 0, content }).catch((error: unknown) => error);
    const citation = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'citation', attrs: { citationId: 'c1', sourceId: 's1' } }],
        },
      ],
    };
    expect(await save(citation)).toBeInstanceOf(InvalidError);
    expect(
      await save({ type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] }),
    ).toBeInstanceOf(InvalidError);
    const script = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'x',
              marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
            },
          ],
        },
      ],
    };
    expect(await save(script)).toBeInstanceOf(InvalidError);
    expect(await save(paragraphs())).toBeInstanceOf(InvalidError);
    expect(await save(paragraphs('Bad \u0001 text'))).toBeInstanceOf(InvalidError);
    await expect(
      saveSitePage(reviewer, 'methodology', { basedOn: 0, content: paragraphs('x') }),
    ).rejects.toThrow(ForbiddenError);
    await expect(listSitePageVersions(editor, 'methodology')).rejects.toThrow(ForbiddenError);
  });
});
