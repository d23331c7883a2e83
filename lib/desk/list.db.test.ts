import { eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs, notifications } from '@/db/schema';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { startThread } from '@/lib/comments/mutations';
import { InvalidError } from '@/lib/errors';
import { setReviewInterval } from '@/lib/monitoring/mutations';
import {
  approvedBrief,
  briefInReview,
  completeDocument,
  draftBrief,
  publishedBrief,
  unpublishedBrief,
} from '@/lib/policy/test-briefs';
import { requestCaptureAgain } from '@/lib/sources/captures';
import { createTestPerson } from '@/lib/users/test-people';
import { requestChanges, submitForReview } from '@/lib/workflow/mutations';
import { getVersionToCheck, listReviewQueue } from '@/lib/workflow/queries';
import { countDeskTabs, listDeskBriefs } from './list';
import {
  archiveBrief,
  assignReviewer,
  listAssignableReviewers,
  restoreFromArchive,
} from './mutations';
import { DESK_PAGE_SIZE, type DeskTab, type DeskView, deskTabs, firstPageView } from './view';

const view = (overrides: Partial<DeskView>): DeskView => ({ ...firstPageView, ...overrides });

/** Every brief of a view, page after page (forward), as ids in order. */
async function walkForward(actor: Parameters<typeof listDeskBriefs>[0], start: DeskView) {
  const ids: string[] = [];
  let current: DeskView = start;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listDeskBriefs(actor, current);
    ids.push(...page.rows.map((row) => row.id));
    if (!page.next) return ids;
    current = { ...start, after: page.next, before: null };
  }
  throw new Error('too many pages');
}

/** The same, from the last page back to the first, turned into reading order. */
async function walkBackward(actor: Parameters<typeof listDeskBriefs>[0], start: DeskView) {
  let current: DeskView = start;
  let page = await listDeskBriefs(actor, current);
  while (page.next) {
    current = { ...start, after: page.next, before: null };
    page = await listDeskBriefs(actor, current);
  }
  const pages: string[][] = [page.rows.map((row) => row.id)];
  while (page.previous) {
    current = { ...start, after: null, before: page.previous };
    page = await listDeskBriefs(actor, current);
    pages.unshift(page.rows.map((row) => row.id));
  }
  return pages.flat();
}

async function editAfterPublication(id: string) {
  const editor = await createTestPerson('editor');
  const [row] = await getDb()
    .select({ revision: briefs.revision })
    .from(briefs)
    .where(eq(briefs.id, id));
  await saveBrief(editor, id, {
    baseRevision: row!.revision,
    kind: 'save',
    document: completeDocument('Did the alliance promise not to expand east, after all?'),
  });
}

describe('the desk list', () => {
  let viewer: Awaited<ReturnType<typeof createTestPerson>>;
  const made: Record<string, string> = {};

  beforeAll(async () => {
    viewer = await createTestPerson('reviewer');
    made.draft = (await draftBrief()).id;
    made.inReview = (await briefInReview()).id;
    const sentBack = await briefInReview();
    await requestChanges(await createTestPerson('reviewer'), sentBack.id, {
      versionNumber: sentBack.version.number,
      comment: 'Source b is a blog.',
    });
    made.changesRequested = sentBack.id;
    made.approved = (await approvedBrief()).id;
    made.published = (await publishedBrief()).id;
    made.newerDraft = (await publishedBrief()).id;
    await editAfterPublication(made.newerDraft);
    made.unpublished = (await unpublishedBrief()).id;
    const archived = await draftBrief();
    await archiveBrief(viewer, archived.id);
    made.archived = archived.id;
    const author = await createTestPerson('editor');
    made.untouchedOld = (await createBrief(author)).id;
    await getDb()
      .update(briefs)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(briefs.id, made.untouchedOld ?? ''));
    made.untouchedNew = (await createBrief(author)).id;
    made.untouchedOwnOld = (await createBrief(viewer)).id;
    await getDb()
      .update(briefs)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(eq(briefs.id, made.untouchedOwnOld));
  });

  const expected: Record<DeskTab, string[]> = {
    all: [
      'draft',
      'inReview',
      'changesRequested',
      'approved',
      'published',
      'newerDraft',
      'unpublished',
      'untouchedNew',
    ],
    drafts: ['draft', 'newerDraft', 'untouchedNew', 'untouchedOwnOld'],
    in_review: ['inReview'],
    changes_requested: ['changesRequested'],
    approved: ['approved'],
    published: ['published', 'newerDraft'],
    needs_recheck: [],
    unpublished: ['unpublished'],
    archived: ['archived'],
  };

  it.each(deskTabs)('lists in %s exactly the briefs that belong there', async (tab) => {
    const listed = await walkForward(viewer, view({ tab }));
    expect(new Set(listed)).toEqual(new Set(expected[tab].map((name) => made[name])));
  });

  it('counts each tab as its list holds (the database counts what the filters list)', async () => {
    const counts = await countDeskTabs(viewer);
    for (const tab of deskTabs) {
      expect([tab, counts[tab]]).toEqual([tab, (await walkForward(viewer, view({ tab }))).length]);
    }
  });

  it('hides an untouched new brief after a day from everyone but its author', async () => {
    const author = (
      await getDb()
        .select({ createdBy: briefs.createdBy })
        .from(briefs)
        .where(eq(briefs.id, made.untouchedOld ?? ''))
    )[0]!.createdBy;
    const asAuthor = { ...viewer, id: author };
    expect(await walkForward(asAuthor, view({ tab: 'drafts' }))).toContain(made.untouchedOld);
    expect(await walkForward(asAuthor, view({ tab: 'all' }))).not.toContain(made.untouchedOld);
    expect(await walkForward(viewer, view({ tab: 'drafts' }))).not.toContain(made.untouchedOld);
  });

  it('shows where each brief stands with readers', async () => {
    const rows = (await listDeskBriefs(viewer, view({ tab: 'all' }))).rows;
    const publication = (name: string) => rows.find((row) => row.id === made[name])?.publication;
    expect(publication('published')).toEqual({ kind: 'published' });
    expect(publication('newerDraft')).toEqual({ kind: 'newer_draft' });
    expect(publication('unpublished')).toEqual({ kind: 'unpublished' });
    expect(publication('draft')).toEqual({ kind: 'none' });
  });
});

describe('keyset pagination', () => {
  let viewer: Awaited<ReturnType<typeof createTestPerson>>;
  let writer: Awaited<ReturnType<typeof createTestPerson>>;
  let ids: string[];

  beforeAll(async () => {
    viewer = await createTestPerson('admin');
    writer = await createTestPerson('editor');
    ids = [];
    for (let n = 0; n < DESK_PAGE_SIZE * 2 + 7; n++) {
      const { id } = await createBrief(writer);
      await saveBrief(writer, id, {
        baseRevision: 1,
        kind: 'save',
        document: completeDocument(`Is claim ${String(n % 13).padStart(2, '0')} about tides true?`),
      });
      ids.push(id);
    }
    // Equal values everywhere: only the id can order these, and microseconds must survive.
    await getDb()
      .update(briefs)
      .set({ updatedAt: sql`'2026-11-30 10:00:00.123456+00'::timestamptz` })
      .where(inArray(briefs.id, ids.slice(0, 40)));
  });

  it.each([
    ['updated', 'desc'],
    ['updated', 'asc'],
    ['question', 'asc'],
    ['question', 'desc'],
    ['checked', 'desc'],
  ] as const)('walks every brief once, by %s %s, forward and back alike', async (sort, dir) => {
    const start = view({ sort, dir, author: writer.id });
    const forward = await walkForward(viewer, start);
    expect(forward).toHaveLength(ids.length);
    expect(new Set(forward)).toEqual(new Set(ids));
    expect(await walkBackward(viewer, start)).toEqual(forward);
  });

  it('orders by question, then id', async () => {
    const rows = await walkForward(
      viewer,
      view({ sort: 'question', dir: 'asc', author: writer.id }),
    );
    const questions = await getDb()
      .select({ id: briefs.id, question: briefs.question })
      .from(briefs)
      .where(inArray(briefs.id, ids));
    const byId = new Map(questions.map((q) => [q.id, q.question.toLowerCase()]));
    const listed = rows.map((id) => byId.get(id)!);
    expect(listed).toEqual([...listed].sort());
  });
});

describe('search and filters', () => {
  it('finds words of the question and the text, stemmed, within the tab and filters', async () => {
    const viewer = await createTestPerson('editor');
    const writer = await createTestPerson('editor');
    const { id } = await createBrief(writer);
    const document = completeDocument('Do hedgehogs hibernate through every winter?');
    document.body = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Zoologists measured overwintering in gardens.' },
            { type: 'citation', attrs: { citationId: 'c9', sourceId: 'b' } },
          ],
        },
      ],
    };
    await saveBrief(writer, id, { baseRevision: 1, kind: 'save', document });
    const other = await draftBrief();
    const found = async (q: string, extra: Partial<DeskView> = {}) =>
      (await walkForward(viewer, view({ q, ...extra }))).includes(id);
    expect(await found('zoologists')).toBe(true);
    expect(await found('overwinter')).toBe(true);
    expect(await found('hedgehog')).toBe(true);
    expect(await found('"hibernate through" -penguins')).toBe(true);
    expect(await found('hedgehog -zoologists')).toBe(false);
    expect(await found('HEDGEHOGS, hibernate')).toBe(true);
    expect(await found('penguins')).toBe(false);
    expect(await found('zoologists', { tab: 'in_review' })).toBe(false);
    expect(await found('', { author: writer.id })).toBe(true);
    expect(await walkForward(viewer, view({ author: writer.id }))).not.toContain(other.id);
    expect(await found('', { author: viewer.id })).toBe(false);
    expect(await found('%')).toBe(false);
  });

  it('filters by reviewer: the one assigned, then whoever reviewed it', async () => {
    const viewer = await createTestPerson('editor');
    const fixture = await briefInReview();
    const reviewer = await createTestPerson('reviewer');
    await assignReviewer(viewer, fixture.id, { reviewerId: reviewer.id });
    const mine = await walkForward(viewer, view({ reviewer: reviewer.id }));
    expect(mine).toEqual([fixture.id]);
    const rows = (await listDeskBriefs(viewer, view({ reviewer: reviewer.id }))).rows;
    expect(rows[0]?.reviewerName).toBe(reviewer.name);
  });
});

describe('assignment', () => {
  it('offers only reviewers the two-person rule allows, and tells the one assigned', async () => {
    const writingReviewer = await createTestPerson('reviewer');
    const fixture = await briefInReview(writingReviewer);
    const other = await createTestPerson('reviewer');
    const editor = await createTestPerson('editor');
    const offered = (await listAssignableReviewers(editor, fixture.id)).map((p) => p.id);
    expect(offered).toContain(other.id);
    expect(offered).not.toContain(writingReviewer.id);
    await expect(
      assignReviewer(editor, fixture.id, { reviewerId: writingReviewer.id }),
    ).rejects.toThrow(/two-person rule/);
    await expect(assignReviewer(editor, fixture.id, { reviewerId: editor.id })).rejects.toThrow(
      InvalidError,
    );
    await assignReviewer(editor, fixture.id, { reviewerId: other.id });
    const told = await getDb()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, other.id));
    expect(told.map((n) => n.kind)).toEqual(['assigned']);
    expect(told[0]?.briefId).toBe(fixture.id);
  });

  it('refuses a brief that is not in review', async () => {
    const draft = await draftBrief();
    const reviewer = await createTestPerson('reviewer');
    await expect(listAssignableReviewers(reviewer, draft.id)).rejects.toThrow(/in review/);
    await expect(assignReviewer(reviewer, draft.id, { reviewerId: reviewer.id })).rejects.toThrow(
      /in review/,
    );
  });
});

describe('archive', () => {
  it('puts a never-published brief away and brings it back as it was', async () => {
    const fixture = await briefInReview();
    const reviewer = await createTestPerson('reviewer');
    await archiveBrief(reviewer, fixture.id);
    expect(await walkForward(reviewer, view({ tab: 'all' }))).not.toContain(fixture.id);
    expect(await walkForward(reviewer, view({ tab: 'archived' }))).toContain(fixture.id);
    // Nothing moves it while it is archived.
    await expect(
      saveBrief(reviewer, fixture.id, {
        baseRevision: fixture.revision + 1,
        kind: 'save',
        document: completeDocument('Changed while archived?'),
      }),
    ).rejects.toThrow(/archived/);
    await expect(archiveBrief(reviewer, fixture.id)).rejects.toThrow(/already archived/);
    await restoreFromArchive(reviewer, fixture.id);
    expect(await walkForward(reviewer, view({ tab: 'in_review' }))).toContain(fixture.id);
    await expect(restoreFromArchive(reviewer, fixture.id)).rejects.toThrow(/not archived/);
  });

  it('refuses a brief readers have seen, and editors who did not write it', async () => {
    const admin = await createTestPerson('admin');
    const published = await publishedBrief();
    await expect(archiveBrief(admin, published.id)).rejects.toThrow(/unpublish/);
    const unpublished = await unpublishedBrief();
    await expect(archiveBrief(admin, unpublished.id)).rejects.toThrow(/unpublish/);
    const draft = await draftBrief();
    const stranger = await createTestPerson('editor');
    await expect(archiveBrief(stranger, draft.id)).rejects.toThrow(/authors/);
    const writer = await createTestPerson('editor');
    const own = await createBrief(writer);
    await archiveBrief(writer, own.id);
    await restoreFromArchive(writer, own.id);
  });

  it('is refused by the database for a published brief', async () => {
    const published = await publishedBrief();
    const admin = await createTestPerson('admin');
    await expect(
      getDb()
        .update(briefs)
        .set({ archivedAt: new Date(), archivedBy: admin.id })
        .where(eq(briefs.id, published.id)),
    ).rejects.toThrow();
  });

  it('refuses every other change to an archived brief, and offers nothing to review', async () => {
    const fixture = await briefInReview();
    const reviewer = await createTestPerson('reviewer');
    await archiveBrief(reviewer, fixture.id);
    expect(await getVersionToCheck(reviewer, fixture.id, 'review')).toBeNull();
    await expect(
      startThread(reviewer, fixture.id, {
        anchor: {
          part: 'body',
          start: 0,
          end: 9,
          quote: 'Officials',
          prefix: '',
          suffix: ' disagree.',
        },
        body: 'Still here?',
      }),
    ).rejects.toThrow(/archived/);
    await expect(
      setReviewInterval(reviewer, fixture.id, { reviewIntervalDays: 30 }),
    ).rejects.toThrow(/archived/);
    await expect(requestCaptureAgain(reviewer, fixture.id, 'a')).rejects.toThrow(/archived/);
    expect((await listReviewQueue(reviewer)).items.map((item) => item.id)).not.toContain(
      fixture.id,
    );
  });

  it('keeps a submitted brief out of review while archived', async () => {
    const draft = await draftBrief();
    const admin = await createTestPerson('admin');
    await archiveBrief(admin, draft.id);
    await expect(submitForReview(admin, draft.id)).rejects.toThrow(/archived/);
  });
});
