import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/app/_lib/guard';
import { IMPORT_LIMIT_LABEL } from '@/lib/import/input';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import a brief — Factdesk' };

export default async function ImportPage() {
  await requirePermission('/desk/import', 'briefs.edit');
  return (
    <main className="desk-page">
      <p>
        <Link href="/desk">← Dashboard</Link>
      </p>
      <h1>Import a brief</h1>
      <p className="hint">
        Paste a brief written elsewhere, or choose a .txt or .md file (at most {IMPORT_LIMIT_LABEL}
        ). The first line is the question; “Executive summary”, numbered sections, bullets,
        “Limitations:”, “Want to dive deeper?” and a source list at the end are recognised, and
        every [n] becomes a citation. Preview first: nothing is created until you choose Create
        draft.
      </p>
      <ImportForm />
    </main>
  );
}
