import type { Metadata } from 'next';
import Link from 'next/link';
import { orNotFound, requirePermission } from '@/app/_lib/guard';
import { BriefView } from '@/components/briefs/brief-view';
import { runChecks } from '@/lib/content/checks';
import type { BriefDocument } from '@/lib/content/document';
import { numberedSources } from '@/lib/content/numbered-sources';
import type { RichNode } from '@/lib/content/numbering';
import { decide } from '@/lib/policy/policy';
import { getArticleForStaff } from '@/lib/publication/article-context';
import { getVersionToCheck } from '@/lib/workflow/queries';
import { ReviewForm } from '../workflow-forms';

export const metadata: Metadata = { title: 'Review — Factdesk' };

/** The sentences of a part that cite a source, as plain text with the citation marked. */
function citingSentences(
  document: BriefDocument,
  sourceId: string,
  numbers: ReadonlyMap<string, number>,
): string[] {
  const found: string[] = [];
  const visit = (node: RichNode) => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      const text = (node.content ?? [])
        .map((child) =>
          child.type === 'citation'
            ? `[${numbers.get(String(child.attrs?.sourceId)) ?? '?'}]`
            : (child.text ?? ''),
        )
        .join('');
      const marker = `[${numbers.get(sourceId)}]`;
      for (const sentence of text.split(/(?<=[.!?])\s+/)) {
        if (sentence.includes(marker)) found.push(sentence.trim());
      }
      return;
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(document.summary);
  visit(document.body);
  visit(document.limitations);
  return [...new Set(found)].slice(0, 6);
}

export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ recheck?: string }>;
}) {
  const { id } = await params;
  const { recheck } = await searchParams;
  const actor = await requirePermission(`/desk/briefs/${id}/review`, 'briefs.review');
  const mode = recheck ? 'recheck' : 'review';
  const version = await orNotFound(getVersionToCheck(actor, id, mode));

  if (!version) {
    return (
      <main className="desk-page">
        <p>
          <Link href={`/desk/briefs/${id}`}>← Back to the brief</Link>
        </p>
        <h1>Nothing to review</h1>
        <p>
          {mode === 'review'
            ? 'This brief is not in review right now.'
            : 'This brief is not published.'}
        </p>
      </main>
    );
  }

  const { document } = version;
  const { numbers, cited: citedSources } = numberedSources(document);
  const cited = citedSources.map((s) => ({
    id: s.id,
    number: numbers.get(s.id) ?? 0,
    title: s.title,
    url: s.url,
    quote: s.quote,
    citingSentences: citingSentences(document, s.id, numbers),
  }));
  const article = await getArticleForStaff(actor, id, document);
  const checks = runChecks(document);
  const failed = checks.filter((c) => !c.passed);
  // The question lib asks when the form is sent (the two-person rule among its answers).
  const decision = decide(actor, mode === 'review' ? 'briefs.approve' : 'briefs.recheck', {
    version,
  });

  return (
    <main className="desk-page">
      <p>
        <Link href={`/desk/briefs/${id}`}>← Back to the brief</Link>
      </p>
      <h1>
        {mode === 'review' ? 'Review' : 'Re-check'} version {version.number}
      </h1>
      <div className="two-columns review-layout">
        <section aria-labelledby="as-readers-see-it" className="panel">
          <h2 id="as-readers-see-it">As readers will see it</h2>
          <p className="hint">
            “Checked on” shows today: the date {mode === 'review' ? 'an approval' : 'a re-check'}{' '}
            stamps.
          </p>
          <BriefView {...article} />
        </section>
        <section aria-labelledby="checklist" className="panel">
          <h2 id="checklist">Check every citation</h2>
          {failed.length > 0 ? (
            <div className="banner warn">
              <p>Automated checks failing:</p>
              <ul>
                {failed.map((c) => (
                  <li key={c.id}>{c.label}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="check passed">✓ All automated checks pass.</p>
          )}
          <ReviewForm
            briefId={id}
            versionNumber={version.number}
            sources={cited}
            checksPass={failed.length === 0}
            blockedReason={decision.allowed ? null : decision.refusal.message}
            mode={mode}
          />
        </section>
      </div>
    </main>
  );
}
