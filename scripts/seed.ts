import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@/db/local-data';
import { users } from '@/db/schema';
import { createImportedBrief, saveBrief } from '@/lib/briefs/mutations';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { calendarDate } from '@/lib/content/dates';
import type { BriefDocument } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';
import { type Actor, systemActor } from '@/lib/policy/policy';
import { publishBrief } from '@/lib/publication/mutations';
import { saveSitePage } from '@/lib/settings/pages';
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
    await seedSitePages(accounts.actors.admin);
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

// From the project's root, not import.meta: the cluster test's Playwright loads this as CommonJS.
const demoText = (file: string) =>
  readFileSync(path.join(projectRoot, 'scripts', 'seed-data', file), 'utf8');

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

/** A page of sections: each a heading (none for the first) and its paragraphs. */
function pageText(sections: { heading?: string; paragraphs: string[] }[]): RichNode {
  const text = (value: string) => [{ type: 'text', text: value }];
  return {
    type: 'doc',
    content: sections.flatMap(({ heading, paragraphs }) => [
      ...(heading ? [{ type: 'heading', attrs: { level: 2 }, content: text(heading) }] : []),
      ...paragraphs.map((paragraph) => ({ type: 'paragraph', content: text(paragraph) })),
    ]),
  };
}

/** A first methodology and corrections policy, written by the admin, for a newsroom to adapt. */
async function seedSitePages(admin: Actor): Promise<void> {
  await saveSitePage(admin, 'methodology', {
    basedOn: 0,
    content: pageText([
      {
        paragraphs: [
          'Each brief answers one question that readers ask or that circulates widely, in a few paragraphs, from sources we name.',
        ],
      },
      {
        heading: 'Sources',
        paragraphs: [
          'Every claim in a brief cites a numbered source, with its publisher, its dates, a link and, where we can, an archived copy, so that anyone can retrace the work. We prefer primary documents and data to reports about them, and say so when a source has a stake in the question.',
        ],
      },
      {
        heading: 'Checking',
        paragraphs: [
          'Before a brief is published, a second person who wrote none of it confirms every citation against its source. The date they finish is shown as “Checked on”, and briefs are checked again as the evidence moves.',
        ],
      },
      {
        heading: 'Ratings',
        paragraphs: [
          'When a brief reviews one specific claim, it rates it on our scale, from True to False, or Unsupported when no evidence we could find supports it, and explains why.',
        ],
      },
    ]),
  });
  await saveSitePage(admin, 'corrections-policy', {
    basedOn: 0,
    content: pageText([
      {
        paragraphs: [
          'We correct our mistakes promptly and visibly, and we never remove a correction.',
        ],
      },
      {
        heading: 'Telling us',
        paragraphs: [
          'Every brief has a “Report an error” form at its foot; reports go to the editors who check them. You can also suggest a question from the front page.',
        ],
      },
      {
        heading: 'How changes are shown',
        paragraphs: [
          'A correction fixes an error of fact; a clarification adds precision; an update adds what has happened since. Each is dated, shown at the top of the brief and listed under it, and all of them appear on our Corrections page and in its feed. A brief we withdraw says why.',
        ],
      },
    ]),
  });
}
