import { beforeAll, describe, expect, it } from 'vitest';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import { ForbiddenError, InvalidError } from '@/lib/errors';
import { type Actor, systemActor } from '@/lib/policy/policy';
import { completeDocument, publishedBrief } from '@/lib/policy/test-briefs';
import { createTestPerson } from '@/lib/users/test-people';
import { findDuplicateQuestions } from './duplicates';
import { archiveBrief } from './mutations';

/** A draft asking `question`, by an editor of its own (returned, to archive it). */
async function briefAsking(question: string): Promise<{ id: string; writer: Actor }> {
  const writer = await createTestPerson('editor');
  const { id } = await createBrief(writer);
  await saveBrief(writer, id, {
    baseRevision: 1,
    kind: 'save',
    document: completeDocument(question),
  });
  return { id, writer };
}

const wall = 'Is the Great Wall of China visible from space?';

describe('duplicate questions', () => {
  let viewer: Actor;
  const made: Record<string, string> = {};

  beforeAll(async () => {
    viewer = await createTestPerson('reviewer');
    made.wall = (await briefAsking(wall)).id;
    made.moon = (await briefAsking('Is the Great Wall of China visible from the Moon?')).id;
    made.autism = (await briefAsking('Do vaccines cause autism?')).id;
    const archived = await briefAsking('Did the minister say taxes would rise in 2026?');
    await archiveBrief(archived.writer, archived.id);
    made.archived = archived.id;
    // completeDocument's question: 'Did the alliance promise not to expand east?'
    made.published = (await publishedBrief()).id;
  });

  it('finds the same question whatever its case, spacing and punctuation, first', async () => {
    const matches = await findDuplicateQuestions(viewer, {
      question: 'is the great wall of china  visible from space',
    });
    expect(matches.map((match) => [match.id, match.kind])).toEqual([
      [made.wall, 'same'],
      [made.moon, 'similar'],
    ]);
    expect(matches[0]).toEqual({
      id: made.wall,
      question: wall,
      kind: 'same',
      state: 'draft',
      stateLabel: 'Draft',
      published: false,
      slug: null,
      archived: false,
    });
    const typed = await findDuplicateQuestions(viewer, {
      question: '  “IS the Great-Wall of China visible, from SPACE?!” ',
    });
    expect(typed[0]).toMatchObject({ id: made.wall, kind: 'same' });
  });

  it('finds a question with one word changed as similar', async () => {
    const matches = await findDuplicateQuestions(viewer, {
      question: 'Do vaccines cause cancer?',
    });
    expect(matches).toEqual([expect.objectContaining({ id: made.autism, kind: 'similar' })]);
  });

  it('finds nothing for an unrelated question, a short one or an empty one', async () => {
    for (const question of [
      'How many people live in Lagos?',
      'Is the Eiffel Tower visible from space?',
      'Vaccine?',
      '… ? !',
      '',
    ]) {
      expect(await findDuplicateQuestions(viewer, { question }), question).toEqual([]);
    }
  });

  it('leaves out the brief being edited', async () => {
    const matches = await findDuplicateQuestions(viewer, {
      question: wall,
      excludeBriefId: made.wall,
    });
    expect(matches.map((match) => match.id)).toEqual([made.moon]);
    // An id no brief can have excludes nothing.
    const unknown = await findDuplicateQuestions(viewer, { question: wall, excludeBriefId: 'x' });
    expect(unknown.map((match) => match.id)).toEqual([made.wall, made.moon]);
  });

  it('marks archived and published briefs', async () => {
    const [archived] = await findDuplicateQuestions(viewer, {
      question: 'Did the minister say taxes would rise in 2026',
    });
    expect(archived).toMatchObject({ id: made.archived, kind: 'same', archived: true });
    const [published] = await findDuplicateQuestions(viewer, {
      question: 'did the alliance promise not to expand east',
    });
    expect(published).toMatchObject({
      id: made.published,
      kind: 'same',
      state: 'approved',
      stateLabel: 'Approved',
      published: true,
      slug: 'did-the-alliance-promise-not-to-expand-east',
      archived: false,
    });
  });

  it('returns at most five, the same question first', async () => {
    const base = 'Has the price of bread in Lisbon doubled since 2020?';
    const same = await briefAsking(base);
    for (const city of ['Porto', 'Faro', 'Braga', 'Evora', 'Coimbra']) {
      await briefAsking(base.replace('Lisbon', city));
    }
    const matches = await findDuplicateQuestions(viewer, { question: base });
    expect(matches).toHaveLength(5);
    expect(matches[0]).toMatchObject({ id: same.id, kind: 'same' });
    expect(matches.slice(1).every((match) => match.kind === 'similar')).toBe(true);
  });

  it('refuses a question longer than a brief may have', async () => {
    await expect(findDuplicateQuestions(viewer, { question: 'x'.repeat(501) })).rejects.toThrow(
      InvalidError,
    );
  });

  it('is refused to nobody and to the system actor (newsroom staff only)', async () => {
    for (const caller of [null, systemActor('seed')]) {
      await expect(
        findDuplicateQuestions(caller as unknown as Actor, { question: wall }),
      ).rejects.toThrow(ForbiddenError);
    }
  });
});
