import { readFileSync } from 'node:fs';
import { users } from '@/db/schema';
import { createImportedBrief, saveBrief } from '@/lib/briefs/mutations';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { calendarDate } from '@/lib/content/dates';
import type { BriefDocument } from '@/lib/content/document';
import { type Actor, systemActor } from '@/lib/policy/policy';
import { publishBrief } from '@/lib/publication/mutations';
import { db, transaction } from '@/lib/transaction';
import { createUser } from '@/lib/users/mutations';
import type { UserRole } from '@/lib/users/schemas';
import { approveBrief, submitForReview } from '@/lib/workflow/mutations';

export interface SeededAccount {
  email: string;
  role: UserRole;
  password: string;
}

const demoPeople = [
  { name: 'Ada Admin', email: 'admin@example.com', role: 'admin' },
  { name: 'Eli Editor', email: 'editor@example.com', role: 'editor' },
  { name: 'Rae Reviewer', email: 'reviewer@example.com', role: 'reviewer' },
] as const;

/**
 * Seeds a fresh database (one without any user) with one person of each role, each with a
 * generated password that is returned to be printed once, and with the demo briefs. Returns []
 * for a database in use. All in one transaction: a seed that fails half-way leaves nothing (not
 * accounts whose passwords were never printed), and the next start seeds again.
 */
export function seedDemo(timeZone: string): Promise<SeededAccount[]> {
  return transaction(async () => {
    const [anyone] = await db().select({ id: users.id }).from(users).limit(1);
    if (anyone) return [];
    const accounts = await seedDemoPeople();
    await seedDemoBriefs(accounts.actors, calendarDate(new Date(), timeZone));
    return accounts.seeded;
  });
}

/** The demo people, added by the seed as the system actor. */
async function seedDemoPeople() {
  const seeded: SeededAccount[] = [];
  const actors = {} as Record<UserRole, Actor>;
  for (const person of demoPeople) {
    const created = await createUser(systemActor('seed'), { ...person, password: undefined });
    seeded.push({ email: created.email, role: person.role, password: created.generatedPassword! });
    actors[person.role] = {
      id: created.id,
      email: created.email,
      name: person.name,
      role: person.role,
    };
  }
  return { seeded, actors };
}

const demoText = (file: string) =>
  readFileSync(new URL(`./seed-data/${file}`, import.meta.url), 'utf8');

/**
 * The demo briefs, made the way people make them: imported by the editor, then one published
 * (reviewed and approved by the reviewer), one in review, one draft.
 */
async function seedDemoBriefs(people: Record<UserRole, Actor>, today: string): Promise<void> {
  const { editor, reviewer } = people;
  const nato = await createImportedBrief(editor, {
    text: demoText('nato-brief.txt'),
    origin: 'the sample brief (nato-brief.txt)',
    today,
  });
  // What the editor does with the import report: the leftover reference "p1_s8" goes, and the
  // placeholders (the sample came without its source list) get clearly marked demo records.
  const opened = await getBriefForEditing(editor, nato.id);
  const completed: BriefDocument = {
    ...opened.document,
    summary: JSON.parse(JSON.stringify(opened.document.summary).replace(', p1_s8', '')),
    sources: opened.document.sources.map((source) => ({
      ...source,
      title: `${source.title} of the sample brief (demo placeholder)`,
      url: `https://example.org/factdesk-demo/nato-brief/${source.title.replace(/\D/g, '')}`,
      publisher: 'Factdesk demo data',
      note: 'The sample text came without its source list; this record only lets the demo brief pass the checks.',
      incomplete: undefined,
    })),
  };
  const saved = await saveBrief(editor, nato.id, {
    baseRevision: opened.head.revision,
    kind: 'save',
    document: completed,
  });
  await submitForReview(editor, nato.id);
  await approveBrief(reviewer, nato.id, {
    versionNumber: saved.head.number,
    verifiedSourceIds: completed.sources.map((source) => source.id),
  });
  await publishBrief(reviewer, nato.id, { versionNumber: saved.head.number });

  const inReview = await createImportedBrief(editor, {
    text: demoText('ten-percent-brain.md'),
    origin: 'the demo data (ten-percent-brain.md)',
    today,
  });
  await submitForReview(editor, inReview.id);

  await createImportedBrief(editor, {
    text: demoText('great-wall-from-space.md'),
    origin: 'the demo data (great-wall-from-space.md)',
    today,
  });
}
