import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs, briefVersions } from '@/db/schema';
import { createImportedBrief, previewImportedBrief } from '@/lib/briefs/mutations';
import { InvalidError } from '@/lib/errors';
import { createTestPerson } from '@/lib/users/test-people';
import { ImportBusyError } from './off-thread';

const sample = readFileSync(
  new URL('../../scripts/seed-data/nato-brief.txt', import.meta.url),
  'utf8',
);
const today = '2026-11-27';

/** A value with the keys of every object in one order (Postgres's jsonb keeps its own). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** A document with every generated id replaced by its rank of first appearance. */
function withStableIds(document: unknown): unknown {
  const ids = new Map<string, string>();
  return JSON.parse(JSON.stringify(sortedKeys(document)), (key, value) =>
    ['id', 'citationId', 'sourceId'].includes(key) && typeof value === 'string'
      ? (ids.get(value) ?? ids.set(value, `id-${ids.size + 1}`).get(value))
      : value,
  );
}

async function briefCount(): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(briefs);
  return row!.n;
}

describe('import through the worker thread', () => {
  it('creates exactly the draft it previewed, from the text alone', async () => {
    const editor = await createTestPerson('editor');
    const text = `${sample}\n\nA last paragraph [3, p. 12] with a [link](https://example.org).\n`;
    const preview = await previewImportedBrief(editor, { text, today });
    const { id, report } = await createImportedBrief(editor, { text, origin: 'x.txt', today });
    const [stored] = await getDb()
      .select({ content: briefVersions.content })
      .from(briefVersions)
      .where(eq(briefVersions.briefId, id));
    expect(withStableIds(stored!.content)).toEqual(withStableIds(preview.document));
    expect(report).toEqual(preview.report);
    // Ids are made afresh for each reading: only their places are the same.
    expect(JSON.stringify(stored!.content)).not.toBe(JSON.stringify(preview.document));
  });

  it('refuses a text over the limits of one brief and creates nothing', async () => {
    const editor = await createTestPerson('editor');
    const before = await briefCount();
    // The hostile text of the report: 0.6 MB with 100,000 citation markers.
    const text = `Q?\n\nExecutive summary\n\n${'x [1] '.repeat(100_000)}`;
    const refusal = createImportedBrief(editor, { text, origin: 'pasted text', today });
    await expect(refusal).rejects.toBeInstanceOf(InvalidError);
    await expect(refusal).rejects.toMatchObject({
      message: expect.stringMatching(/^The text has 100,000 citations, more than a brief can hold/),
      fieldErrors: { text: [expect.stringMatching(/^The text has 100,000 citations/)] },
    });
    expect(await briefCount()).toBe(before);
  });

  it('reads one text at a time, lets four wait, and refuses more at once', async () => {
    const editor = await createTestPerson('editor');
    const previews = Array.from({ length: 6 }, (_, i) =>
      previewImportedBrief(editor, {
        text: `Question ${i}?\n\nExecutive summary\n\nYes [1].`,
        today,
      }),
    );
    const outcomes = await Promise.allSettled(previews);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);
    expect(
      outcomes.slice(0, 5).map((o) => o.status === 'fulfilled' && o.value.document.question),
    ).toEqual(['Question 0?', 'Question 1?', 'Question 2?', 'Question 3?', 'Question 4?']);
    const busy = (outcomes[5] as PromiseRejectedResult).reason;
    expect(busy).toBeInstanceOf(ImportBusyError);
    expect(busy.message).toBe('Factdesk is reading other imports. Try again in a moment.');
  });

  it('answers other requests while it reads a hostile text: order of events only', async () => {
    const editor = await createTestPerson('editor');
    // 0.9 MB of emphasis: an 18 MB brief if read to the end; seconds of reading either way.
    const hostile = `Is this hostile?\n\nExecutive summary\n\n${'*a'.repeat(450_000)}`;
    let startedReading = () => {};
    const reading = new Promise<void>((resolve) => {
      startedReading = resolve;
    });
    // An HTTP server of this process, whose import route reads as the import page's action does.
    const server = createServer((request, response) => {
      if (request.url === '/robots.txt') return void response.end('User-agent: *\n');
      startedReading();
      const preview = async () => previewImportedBrief(editor, { text: hostile, today });
      preview().then(
        () => response.end('previewed'),
        (error: Error) => response.end(error.message),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const events: string[] = [];
      const imported = fetch(`${base}/import`, { method: 'POST' })
        .then((response) => response.text())
        .then((answer) => events.push(`import: ${answer}`));
      // Asked only once the server is reading the text.
      await reading;
      await (await fetch(`${base}/robots.txt`)).text();
      events.push('robots');
      await imported;
      expect(events).toEqual([
        'robots',
        expect.stringMatching(/^import: This text makes a brief larger than 1 MB of content/),
      ]);
    } finally {
      server.close();
    }
  }, 60_000);
});
