import type { Metadata } from 'next';
import Link from 'next/link';
import { orNotFound, requirePermission } from '@/app/_lib/guard';
import { BriefView } from '@/components/briefs/brief-view';
import { VersionDiff } from '@/components/briefs/version-diff';
import { ReviewComments } from '@/components/comments/review-comments';
import { getBriefForEditing } from '@/lib/briefs/queries';
import { NO_OPEN_THREADS_CHECK } from '@/lib/comments/open-threads';
import { countOpenThreads } from '@/lib/comments/queries';
import { newsroomTimeZone } from '@/lib/config';
import { runChecks } from '@/lib/content/checks';
import { citingSentences } from '@/lib/content/citing-sentences';
import { formatMoment } from '@/lib/content/dates';
import { compareVersions } from '@/lib/content/diff';
import { numberedSources } from '@/lib/content/numbered-sources';
import { pendingSuggestions } from '@/lib/content/suggestions';
import { decide } from '@/lib/policy/policy';
import { getArticleForStaff } from '@/lib/publication/article-context';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { latestCaptures } from '@/lib/sources/captures';
import { checkQuotes, quoteCheckKey } from '@/lib/sources/quote-checks';
import { getVersionToCheck } from '@/lib/workflow/queries';
import { getReviewTicks } from '@/lib/workflow/ticks';
import { ReviewForm, type SavedTick } from '../workflow-forms';

export const metadata: Metadata = { title: 'Review — Factdesk' };

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
  // Each source's latest capture of the address this version cites, and its quote looked for
  // in the captured text.
  // The latest finished capture: what the approval binds (one being taken again is not it yet).
  const captures = await latestCaptures(actor, id, { finished: true });
  const currentCapture = (source: { id: string; url: string }) => {
    const capture = captures.get(source.id);
    return capture && capture.url === source.url ? capture : undefined;
  };
  const quotes = citedSources.flatMap((s) => {
    const sha256 = currentCapture(s)?.sha256;
    return sha256 && s.quote.trim() ? [{ sha256, quote: s.quote }] : [];
  });
  const quoteResults = await checkQuotes(actor, quotes);
  const timeZone = newsroomTimeZone();
  const cited = citedSources.map((s) => {
    const current = currentCapture(s);
    const quoteCheck =
      current?.sha256 && s.quote.trim()
        ? (quoteResults.get(quoteCheckKey({ sha256: current.sha256, quote: s.quote })) ?? null)
        : null;
    return {
      id: s.id,
      number: numbers.get(s.id) ?? 0,
      title: s.title,
      url: s.url,
      quote: s.quote,
      citingSentences: citingSentences(document, s.id, numbers),
      capture: current
        ? {
            state: current.state,
            when: formatMoment(current.fetchedAt ?? current.requestedAt, timeZone),
            httpStatus: current.httpStatus,
            finalUrl: current.finalUrl,
            failureMessage: current.failureMessage,
            hasText: current.hasText,
            sha256: current.sha256,
            href: `/desk/briefs/${id}/captures/${current.id}`,
          }
        : null,
      quoteCheck,
    };
  });
  // The reviewer's saved boxes (or carried over), and the last finished review to compare with.
  const saved = await getReviewTicks(actor, id, mode);
  const ticks: Record<string, SavedTick> = {};
  for (const [sourceId, tick] of Object.entries(saved?.ticks ?? {})) {
    const from = tick.carriedOver;
    ticks[sourceId] = {
      ticked: tick.ticked,
      carriedOver: from
        ? `Carried over from version ${from.fromVersion} (${from.byName}, ${formatMoment(from.at, timeZone)})`
        : null,
    };
  }
  const lastReview = saved?.lastReview ?? null;
  const article = await getArticleForStaff(actor, id, document);
  const checks = runChecks(document, article.ratingScale ?? defaultRatingScale);
  // Threads are on the working copy: they hold up an approval, not a re-check.
  const openThreads = mode === 'review' ? await countOpenThreads(actor, id) : 0;
  // Suggestions saved on top of the version in review wait for the editor: approval waits too.
  const suggestedOnTop =
    mode === 'review'
      ? pendingSuggestions((await getBriefForEditing(actor, id)).document).length
      : 0;
  const failed = [
    ...checks.filter((c) => !c.passed),
    ...(openThreads > 0
      ? [{ id: 'open-threads', label: `${NO_OPEN_THREADS_CHECK} (${openThreads} open)` }]
      : []),
    ...(suggestedOnTop > 0
      ? [
          {
            id: 'suggested-on-top',
            label: `No pending suggestions (${suggestedOnTop} made on this version, waiting for the editor)`,
          },
        ]
      : []),
  ];
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
      {mode === 'review' && (
        <section aria-labelledby="changes-since-review" className="panel review-changes">
          <h2 id="changes-since-review">Changes since the last review</h2>
          {lastReview ? (
            <>
              <p className="hint">
                From version {lastReview.versionNumber}, which {lastReview.byName}{' '}
                {lastReview.outcome === 'approved' ? 'approved' : 'sent back'}{' '}
                {formatMoment(lastReview.at, timeZone)}, to version {version.number}.
              </p>
              <VersionDiff comparison={compareVersions(lastReview.document, document)} />
            </>
          ) : (
            <p>This brief has not been reviewed before: check all of it.</p>
          )}
        </section>
      )}
      <section aria-labelledby="discuss-the-text" className="panel">
        <h2 id="discuss-the-text">Discuss the text</h2>
        <p className="hint">
          Select a claim and press Comment (Ctrl/⌘+Alt+M). To propose a wording,{' '}
          <Link href={`/desk/briefs/${id}?mode=suggesting`}>suggest changes in the editor</Link>:
          they wait there for the editor to accept or reject them. Every thread must be resolved
          before approval.
        </p>
        <ReviewComments
          briefId={id}
          document={document}
          numbers={Object.fromEntries(numbers)}
          timeZone={timeZone}
        />
      </section>
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
            ticks={ticks}
          />
        </section>
      </div>
    </main>
  );
}
