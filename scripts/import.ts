/**
 * `npm run import -- <file> [--author email]`: imports a brief written as plain text or Markdown
 * into a new draft, through the same importer as the newsroom's Import page, and prints the
 * report. Works on DATABASE_URL or the embedded Postgres, running or not.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createImportedBrief } from '@/lib/briefs/mutations';
import { getConfig } from '@/lib/config';
import { calendarDate } from '@/lib/content/dates';
import { decodeImportFile } from '@/lib/import/input';
import { importCounts } from '@/lib/import/summary';
import { systemActor } from '@/lib/policy/policy';
import { personToActFor } from '@/lib/users/queries';
import { runCommand, UsageError, withDatabase } from './database';

const usage = `Usage:
  npm run import -- FILE [--author EMAIL]

FILE is a .txt or .md brief of at most 1 MB. The draft is created by the person with EMAIL,
or by the first admin of the installation.`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      author: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return console.log(usage);
  if (positionals.length !== 1) throw new UsageError(usage);
  const path = positionals[0]!;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}.`);
  }
  const decoded = decodeImportFile(bytes, basename(path));
  if (!decoded.ok) throw new UsageError(decoded.error);

  await withDatabase(async () => {
    const author = await personToActFor(systemActor('command-line'), values.author);
    const { id, report } = await createImportedBrief(author, {
      text: decoded.text,
      origin: basename(path),
      today: calendarDate(new Date(), getConfig().FACTDESK_TIMEZONE),
    });
    console.log(`Imported “${basename(path)}” as a draft by ${author.name}: /desk/briefs/${id}`);
    console.log(importCounts(report));
    for (const note of report.notes) {
      const where = note.line ? `line ${note.line}` : 'whole text';
      console.log(`  ${note.severity === 'attention' ? '!' : '-'} ${where}: ${note.message}`);
    }
  });
}

runCommand(main);
