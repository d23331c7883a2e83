import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { briefs, briefVersions } from '@/db/schema';
import { createTestPerson } from '@/lib/users/test-people';

const root = path.join(import.meta.dirname, '..');

function runImport(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts', ...args],
    { cwd: root, env: { ...process.env }, encoding: 'utf8' },
  );
}

describe('npm run import', () => {
  it('imports a file as a draft by the named author and prints the report', async () => {
    const editor = await createTestPerson('editor');
    const result = runImport('scripts/seed-data/nato-brief.txt', '--author', editor.email);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Imported “nato-brief.txt” as a draft by ${editor.name}`);
    expect(result.stdout).toContain(
      '6 sections, 8 paragraphs, 45 citations, 12 sources (12 to complete), 5 related questions',
    );
    expect(result.stdout).toContain('! line 8: “p1_s8” looks like an internal reference');
    const id = /\/desk\/briefs\/([0-9a-f-]{36})/.exec(result.stdout)![1]!;
    const [version] = await getDb()
      .select({ kind: briefVersions.kind, authorId: briefVersions.authorId })
      .from(briefVersions)
      .where(eq(briefVersions.briefId, id));
    expect(version).toEqual({ kind: 'import', authorId: editor.id });
  });

  it('refuses a binary file, an unknown author and a missing file, creating nothing', async () => {
    const before = (await getDb().select({ id: briefs.id }).from(briefs)).length;
    const folder = mkdtempSync(path.join(tmpdir(), 'factdesk-import-'));
    const binary = path.join(folder, 'scan.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]));

    const refusals = [
      [runImport(binary), '“scan.txt” is not a text file in UTF-8'],
      [
        runImport('scripts/seed-data/nato-brief.txt', '--author', 'nobody@example.org'),
        'No active account has the email nobody@example.org.',
      ],
      [runImport(path.join(folder, 'missing.txt')), 'Cannot read'],
      [runImport(), 'Usage:'],
    ] as const;
    for (const [result, message] of refusals) {
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect((await getDb().select({ id: briefs.id }).from(briefs)).length).toBe(before);
  }, 60_000); // Several runs of the command-line tool, each a Node process of its own: slow on a busy machine.
});
