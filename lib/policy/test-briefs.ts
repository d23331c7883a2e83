import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { makeSource } from '@/lib/content/test-fixtures';
import { publishBrief, unpublishBrief } from '@/lib/publication/mutations';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';
import type { Actor, SystemActor } from './policy';

/**
 * Briefs in every stage, for the authorization tables (lib's functions, the app's actions and
 * routes): each written by a writer of its own and checked by a reviewer of its own, so that the
 * person a test asks about wrote none of it unless the test says so.
 */

/** Whoever a table asks about: a person, the system actor, or nobody. */
export type Caller = Actor | SystemActor | null;

export interface BriefFixture {
  id: string;
  /** The version a step works on (in review, approved or published). */
  version: { number: number; contributorIds: string[] };
  revision: number;
  brief: { published: boolean; firstPublishedAt: Date | null };
}

const paragraph = (text: string, sourceId: string, citationId: string) => ({
  type: 'paragraph',
  content: [
    { type: 'text', text },
    { type: 'citation', attrs: { citationId, sourceId } },
  ],
});

/** A brief that passes every automated check: two sources, each cited. */
export function completeDocument(question = 'Did the alliance promise not to expand east?') {
  return {
    ...emptyBriefDocument(),
    question,
    summary: { type: 'doc', content: [paragraph('In short, no.', 'a', 'c1')] },
    body: { type: 'doc', content: [paragraph('Officials disagree.', 'b', 'c2')] },
    sources: [makeSource('a'), makeSource('b')],
  } satisfies BriefDocument;
}

export const verifiedAll = ['a', 'b'];

const isPerson = (caller: Caller | undefined): caller is Actor =>
  caller != null && 'role' in caller;

/**
 * A draft by a writer of its own; when `alsoWrittenBy` is a person, they wrote part of it too
 * (a version of theirs on top), so the two-person rule counts them.
 */
export async function draftBrief(alsoWrittenBy?: Caller): Promise<BriefFixture> {
  const writer = await createTestPerson('editor');
  const { id } = await createBrief(writer);
  let saved = await saveBrief(writer, id, {
    baseRevision: 1,
    kind: 'save',
    document: completeDocument(),
  });
  const contributorIds = [writer.id];
  if (isPerson(alsoWrittenBy)) {
    saved = await saveBrief(alsoWrittenBy, id, {
      baseRevision: saved.head.revision,
      kind: 'save',
      document: completeDocument('Did the alliance ever promise not to expand east?'),
    });
    contributorIds.push(alsoWrittenBy.id);
  }
  return {
    id,
    version: { number: saved.head.number, contributorIds: contributorIds.sort() },
    revision: saved.head.revision,
    brief: { published: false, firstPublishedAt: null },
  };
}

export async function briefInReview(alsoWrittenBy?: Caller): Promise<BriefFixture> {
  const draft = await draftBrief(alsoWrittenBy);
  await submitForReview(await createTestPerson('editor'), draft.id);
  return draft;
}

export async function approvedBrief(): Promise<BriefFixture> {
  const fixture = await briefInReview();
  const reviewer = await createTestPerson('reviewer');
  await approveBrief(reviewer, fixture.id, {
    versionNumber: fixture.version.number,
    verifiedSourceIds: verifiedAll,
  });
  return fixture;
}

/** Published; with `alsoWrittenBy`, that person wrote part of the published version. */
export async function publishedBrief(alsoWrittenBy?: Caller): Promise<BriefFixture> {
  const fixture = await briefInReview(alsoWrittenBy);
  const reviewer = await createTestPerson('reviewer');
  await approveBrief(reviewer, fixture.id, {
    versionNumber: fixture.version.number,
    verifiedSourceIds: verifiedAll,
  });
  await publishBrief(reviewer, fixture.id, { versionNumber: fixture.version.number });
  return { ...fixture, brief: { published: true, firstPublishedAt: new Date() } };
}

/** Published, then taken down by an admin: its approval stands, publishing again is an admin's. */
export async function unpublishedBrief(): Promise<BriefFixture> {
  const fixture = await publishedBrief();
  await unpublishBrief(await createTestPerson('admin'), fixture.id, { reason: 'Legal review.' });
  return { ...fixture, brief: { published: false, firstPublishedAt: new Date() } };
}
