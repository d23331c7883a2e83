import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  briefs,
  briefVersions,
  comments,
  commentThreads,
  notifications,
  users,
} from '@/db/schema';
import { ForbiddenError, InvalidError, NotFoundError } from '@/lib/errors';
import type { Actor } from '@/lib/policy/policy';
import { approvedBrief, briefInReview, draftBrief, verifiedAll } from '@/lib/policy/test-briefs';
import { publishBrief } from '@/lib/publication/mutations';
import { createTestPerson } from '@/lib/users/test-people';
import { approveBrief, requestChanges } from '@/lib/workflow/mutations';
import { getWorkflow } from '@/lib/workflow/queries';
import { replyToThread, setThreadResolved, startThread, updateThreadAnchors } from './mutations';
import { countOpenThreads, listThreads } from './queries';

const anchor = {
  part: 'body' as const,
  start: 0,
  end: 9,
  quote: 'Officials',
  prefix: '',
  suffix: ' disagree.',
};

/** A person of the newsroom with a name of our choosing. */
async function named(name: string, role: Actor['role'] = 'editor'): Promise<Actor> {
  const person = await createTestPerson(role);
  await getDb().update(users).set({ name }).where(eq(users.id, person.id));
  return { ...person, name };
}

/** The notifications a person got, oldest first. */
async function toldTo(person: Actor) {
  return getDb()
    .select({
      kind: notifications.kind,
      briefId: notifications.briefId,
      message: notifications.message,
    })
    .from(notifications)
    .where(eq(notifications.userId, person.id))
    .orderBy(asc(notifications.createdAt));
}

/** Everything of a brief that comments must leave as it was: its row and its versions. */
async function contentOf(briefId: string) {
  const [brief] = await getDb().select().from(briefs).where(eq(briefs.id, briefId));
  const versions = await getDb()
    .select()
    .from(briefVersions)
    .where(eq(briefVersions.briefId, briefId))
    .orderBy(asc(briefVersions.number));
  return { brief, versions };
}

async function auditActions(briefId: string) {
  const rows = await getDb()
    .select({ action: auditLog.action, note: auditLog.note })
    .from(auditLog)
    .where(eq(auditLog.briefId, briefId))
    .orderBy(asc(auditLog.id));
  return rows.filter((row) => row.action.startsWith('comment_'));
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe('comments are not content', () => {
  it('leave the brief, its versions, its state and its approval as they were; it stays publishable', async () => {
    const fixture = await approvedBrief();
    const [editor, reviewer] = [
      await createTestPerson('editor'),
      await createTestPerson('reviewer'),
    ];
    const before = await contentOf(fixture.id);
    expect(before.brief!.state).toBe('approved');

    const thread = await startThread(editor, fixture.id, { anchor, body: 'Which officials?' });
    await replyToThread(reviewer, fixture.id, thread.id, { body: 'The ones in the memo.' });
    await setThreadResolved(editor, fixture.id, thread.id, true);
    await setThreadResolved(reviewer, fixture.id, thread.id, false);
    await replyToThread(editor, fixture.id, thread.id, { body: 'Fine.', resolve: true });
    const open = await startThread(reviewer, fixture.id, {
      anchor: { ...anchor, part: 'summary', quote: 'In short', suffix: ', no.' },
      body: 'Still open when it is published.',
    });
    expect(
      await updateThreadAnchors(editor, fixture.id, [
        { threadId: thread.id, ...anchor, start: 3, end: 12 },
        { threadId: open.id, ...anchor, part: 'summary', quote: 'In short', detached: true },
      ]),
    ).toEqual({ updated: 2 });

    expect(await contentOf(fixture.id)).toEqual(before);
    const workflow = await getWorkflow(editor, fixture.id);
    expect(workflow.state).toBe('approved');
    expect(workflow.approval?.versionNumber).toBe(fixture.version.number);
    await publishBrief(reviewer, fixture.id, { versionNumber: fixture.version.number });
    expect((await getWorkflow(editor, fixture.id)).publication.published).toBe(true);
  });
});

describe('the audit log', () => {
  it('records threads beside the workflow, and many of them never hide the changes requested', async () => {
    const fixture = await briefInReview();
    const reviewer = await createTestPerson('reviewer');
    await requestChanges(reviewer, fixture.id, {
      versionNumber: fixture.version.number,
      comment: 'Cite the treaty.',
    });
    await startThread(reviewer, fixture.id, { anchor, body: 'Here.' });
    // As if 250 threads had been started and resolved since.
    await getDb()
      .insert(auditLog)
      .values(
        Array.from({ length: 250 }, () => ({
          briefId: fixture.id,
          actorId: reviewer.id,
          action: 'comment_thread_resolved',
          note: 'On the body: “Officials”',
        })),
      );
    const workflow = await getWorkflow(reviewer, fixture.id);
    expect(workflow.audit).toHaveLength(200);
    expect(workflow.requestedChanges).toMatchObject({
      comment: 'Cite the treaty.',
      byName: reviewer.name,
    });
  });
});

describe('approval', () => {
  it('is refused while a thread is open, and goes through once every thread is resolved', async () => {
    const fixture = await briefInReview();
    const [editor, reviewer] = [
      await createTestPerson('editor'),
      await createTestPerson('reviewer'),
    ];
    const first = await startThread(editor, fixture.id, { anchor, body: 'Source?' });
    const second = await startThread(reviewer, fixture.id, { anchor, body: 'Date?' });
    const approve = () =>
      approveBrief(reviewer, fixture.id, {
        versionNumber: fixture.version.number,
        verifiedSourceIds: verifiedAll,
      });

    const refused = await refusal(approve());
    expect(refused).toBeInstanceOf(InvalidError);
    expect((refused as InvalidError).message).toBe(
      'Approving needs every comment thread resolved: 2 open threads. Resolve them, or reply and resolve, first.',
    );
    expect((refused as InvalidError).fieldErrors).toEqual({ checks: ['No open comment threads'] });
    expect(await countOpenThreads(reviewer, fixture.id)).toBe(2);

    await setThreadResolved(reviewer, fixture.id, first.id, true);
    expect(((await refusal(approve())) as InvalidError).message).toBe(
      'Approving needs every comment thread resolved: 1 open thread. Resolve it, or reply and resolve, first.',
    );
    expect((await getWorkflow(reviewer, fixture.id)).state).toBe('in_review');

    await replyToThread(editor, fixture.id, second.id, { body: 'Added it.', resolve: true });
    expect(await countOpenThreads(reviewer, fixture.id)).toBe(0);
    await approve();
    expect((await getWorkflow(reviewer, fixture.id)).state).toBe('approved');
  });
});

describe('threads', () => {
  it('are listed oldest first, with who and when, their comments oldest first', async () => {
    const fixture = await draftBrief();
    const ada = await named('Ada Lovelace');
    const grace = await named('Grace Hopper', 'reviewer');
    expect(await listThreads(ada, fixture.id)).toEqual([]);

    const started = await startThread(ada, fixture.id, {
      anchor: { ...anchor, prefix: 'x', detached: false },
      body: '  Which officials?  ',
    });
    expect(started).toMatchObject({
      part: 'body',
      start: 0,
      end: 9,
      quote: 'Officials',
      prefix: 'x',
      suffix: ' disagree.',
      detached: false,
      createdBy: { id: ada.id, name: 'Ada Lovelace' },
      resolvedAt: null,
      resolvedBy: null,
      comments: [{ author: { id: ada.id, name: 'Ada Lovelace' }, body: 'Which officials?' }],
    });
    expect(new Date(started.createdAt).toISOString()).toBe(started.createdAt);
    const replied = await replyToThread(grace, fixture.id, started.id, { body: 'The memo’s.' });
    expect(replied.comments.map((c) => [c.author.name, c.body])).toEqual([
      ['Ada Lovelace', 'Which officials?'],
      ['Grace Hopper', 'The memo’s.'],
    ]);
    const later = await startThread(grace, fixture.id, {
      anchor: { ...anchor, part: 'limitations', quote: 'Few' },
      body: 'Say more.',
    });

    const listed = await listThreads(grace, fixture.id);
    expect(listed.map((t) => t.id)).toEqual([started.id, later.id]);
    expect(listed[0]).toEqual(replied);

    const resolved = await setThreadResolved(grace, fixture.id, started.id, true);
    expect(resolved.resolvedBy).toEqual({ id: grace.id, name: 'Grace Hopper' });
    expect(resolved.resolvedAt).not.toBeNull();
    // Resolving again changes nothing; reopening clears who and when.
    expect(await setThreadResolved(ada, fixture.id, started.id, true)).toEqual(resolved);
    const reopened = await setThreadResolved(ada, fixture.id, started.id, false);
    expect(reopened).toMatchObject({ resolvedAt: null, resolvedBy: null });
    expect(await setThreadResolved(ada, fixture.id, started.id, false)).toEqual(reopened);
    // Replying leaves it as it is, unless asked to resolve or reopen it too.
    expect(
      (await replyToThread(ada, fixture.id, started.id, { body: 'Done.', resolve: true }))
        .resolvedBy,
    ).toEqual({ id: ada.id, name: 'Ada Lovelace' });
    expect(
      (await replyToThread(grace, fixture.id, started.id, { body: 'Not quite.' })).resolvedAt,
    ).not.toBeNull();
    expect(
      (await replyToThread(grace, fixture.id, started.id, { body: 'Reopen.', resolve: false }))
        .resolvedAt,
    ).toBeNull();

    expect(await auditActions(fixture.id)).toEqual([
      { action: 'comment_thread_started', note: 'On the body: “Officials”' },
      { action: 'comment_thread_started', note: 'On the limitations: “Few”' },
      { action: 'comment_thread_resolved', note: 'On the body: “Officials”' },
      { action: 'comment_thread_reopened', note: 'On the body: “Officials”' },
      { action: 'comment_thread_resolved', note: 'On the body: “Officials”' },
      { action: 'comment_thread_reopened', note: 'On the body: “Officials”' },
    ]);
  });

  it('refuse bad input, other briefs’ threads, unknown briefs and anyone not allowed', async () => {
    const fixture = await draftBrief();
    const other = await draftBrief();
    const editor = await createTestPerson('editor');
    const thread = await startThread(editor, fixture.id, { anchor, body: 'Hm.' });
    const elsewhere = await startThread(editor, other.id, { anchor, body: 'Elsewhere.' });

    const empty = await refusal(startThread(editor, fixture.id, { anchor, body: ' ' }));
    expect(empty).toBeInstanceOf(InvalidError);
    expect((empty as InvalidError).message).toBe('Write a comment.');
    expect((empty as InvalidError).fieldErrors).toEqual({ body: ['Write a comment.'] });
    const badPart = await refusal(
      startThread(editor, fixture.id, {
        anchor: { ...anchor, part: 'question' as 'body' },
        body: 'Hm.',
      }),
    );
    expect((badPart as InvalidError).fieldErrors).toEqual({
      'anchor.part': ['Comment on the summary, the body or the limitations.'],
    });
    const control = await refusal(
      replyToThread(editor, fixture.id, thread.id, { body: 'Bell\u0007' }),
    );
    expect((control as InvalidError).message).toBe(
      'Comment contains a control character (U+0007), which cannot be saved. Remove it and try again.',
    );
    expect(
      await refusal(setThreadResolved(editor, fixture.id, thread.id, 'yes' as unknown as boolean)),
    ).toBeInstanceOf(InvalidError);

    // A thread named under another brief is not found there, and is left alone.
    for (const attempt of [
      () => replyToThread(editor, fixture.id, elsewhere.id, { body: 'Hi.' }),
      () => setThreadResolved(editor, fixture.id, elsewhere.id, true),
      () => replyToThread(editor, fixture.id, 'not-an-id', { body: 'Hi.' }),
    ]) {
      const error = await refusal(attempt());
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe('This comment thread does not exist.');
    }
    expect((await listThreads(editor, other.id))[0]).toEqual(elsewhere);

    for (const attempt of [
      () => listThreads(editor, crypto.randomUUID()),
      () => listThreads(editor, 'not-an-id'),
      () => startThread(editor, crypto.randomUUID(), { anchor, body: 'Hi.' }),
      () => updateThreadAnchors(editor, crypto.randomUUID(), []),
    ]) {
      const error = await refusal(attempt());
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe('This brief does not exist.');
    }

    for (const attempt of [
      () => listThreads(null as unknown as Actor, fixture.id),
      () => startThread(null as unknown as Actor, fixture.id, { anchor, body: 'Hi.' }),
      () => setThreadResolved(null as unknown as Actor, fixture.id, thread.id, true),
    ]) {
      expect(await refusal(attempt())).toBeInstanceOf(ForbiddenError);
    }
    expect(await listThreads(editor, fixture.id)).toHaveLength(1);
  });

  it('are kept by the database within their bounds', async () => {
    const fixture = await draftBrief();
    const editor = await createTestPerson('editor');
    const thread = await startThread(editor, fixture.id, { anchor, body: 'Hm.' });
    const refusedBy = async (work: Promise<unknown>) =>
      String(((await refusal(work)) as Error & { cause?: Error })?.cause?.message);
    expect(
      await refusedBy(
        getDb().insert(comments).values({ threadId: thread.id, authorId: editor.id, body: '  ' }),
      ),
    ).toMatch(/comments_body/);
    expect(
      await refusedBy(
        getDb()
          .update(commentThreads)
          .set({ resolvedAt: new Date() })
          .where(eq(commentThreads.id, thread.id)),
      ),
    ).toMatch(/comment_threads_resolved/);
    expect(
      await refusedBy(
        getDb()
          .update(commentThreads)
          .set({ anchorStart: 10, anchorEnd: 2 })
          .where(eq(commentThreads.id, thread.id)),
      ),
    ).toMatch(/comment_threads_anchor/);
  });
});

describe('mentions and replies', () => {
  it('tell whom a comment mentions, not its author nor a disabled account, and a reply’s participants', async () => {
    const fixture = await draftBrief();
    await getDb()
      .update(briefs)
      .set({ question: 'Did the alliance promise\nnot to expand east?' })
      .where(eq(briefs.id, fixture.id));
    const ada = await named('Ada Lovelace');
    const grace = await named('Grace Hopper', 'reviewer');
    const linus = await named('Linus Pauling', 'admin');
    const gone = await named('Gone Person');
    await getDb().update(users).set({ disabled: true }).where(eq(users.id, gone.id));
    const katherine = await named('Katherine Johnson', 'reviewer');
    const local = katherine.email.split('@')[0];

    const thread = await startThread(ada, fixture.id, {
      anchor,
      body: `@Grace Hopper and @${local}: is this right?\n@Gone Person, @Ada Lovelace`,
    });
    const label = '“Did the alliance promise not to expand east?”';
    const said = `“@Grace Hopper and @${local}: is this right? @Gone Person, @Ada Lovelace”`;
    expect(await toldTo(grace)).toEqual([
      {
        kind: 'mention',
        briefId: fixture.id,
        message: `Ada Lovelace mentioned you on ${label}: ${said}`,
      },
    ]);
    expect(await toldTo(katherine)).toHaveLength(1);
    expect(await toldTo(ada)).toEqual([]);
    expect(await toldTo(gone)).toEqual([]);
    expect(await toldTo(linus)).toEqual([]);

    // A reply: the thread's participants hear of it (not its author), the mentioned once.
    await replyToThread(linus, fixture.id, thread.id, { body: 'It is.' });
    expect(await toldTo(ada)).toEqual([
      {
        kind: 'comment',
        briefId: fixture.id,
        message: `Linus Pauling replied on ${label}: “It is.”`,
      },
    ]);
    expect(await toldTo(grace)).toHaveLength(1);
    // `@ada` is neither her name nor her email's: she hears of it as a participant.
    await replyToThread(grace, fixture.id, thread.id, { body: 'Agreed, @ada.' });
    expect((await toldTo(ada)).map((n) => n.kind)).toEqual(['comment', 'comment']);
    await replyToThread(grace, fixture.id, thread.id, { body: 'Agreed, @Ada Lovelace.' });
    expect((await toldTo(ada)).slice(2)).toEqual([
      {
        kind: 'mention',
        briefId: fixture.id,
        message: `Grace Hopper mentioned you on ${label}: “Agreed, @Ada Lovelace.”`,
      },
    ]);
    expect((await toldTo(linus)).map((n) => n.message)).toEqual([
      `Grace Hopper replied on ${label}: “Agreed, @ada.”`,
      `Grace Hopper replied on ${label}: “Agreed, @Ada Lovelace.”`,
    ]);
    // Katherine was mentioned in the thread but wrote nothing in it: not a participant.
    expect(await toldTo(katherine)).toHaveLength(1);
    expect(await toldTo(grace)).toHaveLength(1);
  });

  it('shorten a long comment in the message', async () => {
    const fixture = await draftBrief();
    const ada = await named('Ada Lovelace');
    const grace = await named('Grace Hopper');
    await startThread(ada, fixture.id, { anchor, body: `@Grace Hopper ${'word '.repeat(60)}` });
    const [told] = await toldTo(grace);
    const quoted = told!.message.slice(told!.message.indexOf(': “') + 3, -1);
    expect(quoted).toHaveLength(140);
    expect(quoted.endsWith('…')).toBe(true);
  });
});

describe('anchor updates', () => {
  it('move the brief’s own threads only, detached or not, the last of one thread counting', async () => {
    const fixture = await draftBrief();
    const other = await draftBrief();
    const editor = await createTestPerson('editor');
    const mine = await startThread(editor, fixture.id, { anchor, body: 'Mine.' });
    const second = await startThread(editor, fixture.id, { anchor, body: 'Second.' });
    const theirs = await startThread(editor, other.id, { anchor, body: 'Theirs.' });

    const result = await updateThreadAnchors(editor, fixture.id, [
      { threadId: mine.id, ...anchor, start: 20, end: 29, prefix: 'Moved: ' },
      { threadId: theirs.id, ...anchor, start: 40, end: 49 },
      { threadId: crypto.randomUUID(), ...anchor },
      { threadId: second.id, ...anchor, start: 1, end: 2 },
      { threadId: second.id, ...anchor, start: 5, end: 5, detached: true },
    ]);
    expect(result).toEqual({ updated: 2 });
    const [movedMine, movedSecond] = await listThreads(editor, fixture.id);
    expect(movedMine).toMatchObject({ start: 20, end: 29, prefix: 'Moved: ', detached: false });
    expect(movedSecond).toMatchObject({ start: 5, end: 5, quote: 'Officials', detached: true });
    expect((await listThreads(editor, other.id))[0]).toEqual(theirs);
    expect(await updateThreadAnchors(editor, fixture.id, [])).toEqual({ updated: 0 });
  });

  it('refuse bad anchors and more than 1,000 at once, changing nothing', async () => {
    const fixture = await draftBrief();
    const editor = await createTestPerson('editor');
    const thread = await startThread(editor, fixture.id, { anchor, body: 'Hm.' });
    const backwards = await refusal(
      updateThreadAnchors(editor, fixture.id, [{ threadId: thread.id, ...anchor, start: 10 }]),
    );
    expect(backwards).toBeInstanceOf(InvalidError);
    expect((backwards as InvalidError).fieldErrors).toEqual({
      '0.end': ['The commented text must end after it starts.'],
    });
    const many = Array.from({ length: 1001 }, () => ({ threadId: thread.id, ...anchor }));
    expect(((await refusal(updateThreadAnchors(editor, fixture.id, many))) as Error).message).toBe(
      'Send at most 1,000 anchors at once.',
    );
    expect(
      await refusal(updateThreadAnchors(editor, fixture.id, 'all' as unknown as [])),
    ).toBeInstanceOf(InvalidError);
    expect((await listThreads(editor, fixture.id))[0]).toEqual(thread);
    expect(
      await refusal(updateThreadAnchors(null as unknown as Actor, fixture.id, [])),
    ).toBeInstanceOf(ForbiddenError);
  });
});
