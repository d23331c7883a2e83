/**
 * The public forms through which readers write in (`Report an error` on every brief page,
 * `Suggest a question` on the front page) and the pages that answer them. Plain HTML that works
 * without JavaScript, written with the `html` template (every value escaped). Nothing a reader
 * sends is shown anywhere but back to that reader, in the form they are correcting.
 */
import { describeRetryAfter } from '@/lib/auth/throttle-rules';
import { publicHtmlPage, type SiteChrome } from '@/lib/publication/html-page';
import { html, type SafeHtml } from '@/lib/publication/safe-html';
import { HONEYPOT_FIELD, MAX_EMAIL_LENGTH, MAX_MESSAGE_LENGTH } from './schemas';

/** What a form shows again after bad input: what was typed and the message for each field. */
export interface ReaderFormState {
  values?: { message?: string; email?: string };
  errors?: { message?: string[]; email?: string[] };
  /** Why nothing was sent when no field is to blame (the database was unavailable). */
  problem?: string;
}

/** The brief and version a `Report an error` form names (the version the reader sees). */
export interface ReportTarget {
  slug: string;
  briefId: string;
  versionId: string;
}

interface FormSpec {
  /** The form's accessible name, also its heading's text. */
  name: string;
  idPrefix: string;
  action: string;
  /** One line under the heading: what the form is for. */
  intro: string;
  messageLabel: string;
  submitLabel: string;
  hidden: Record<string, string>;
}

function fieldError(id: string, errors: string[] | undefined): SafeHtml | null {
  return errors?.length
    ? html`<p class="reader-form-error" id="${id}">${errors.join(' ')}</p>`
    : null;
}

function readerForm(spec: FormSpec, state: ReaderFormState, heading: 'h1' | 'h2'): SafeHtml {
  const { idPrefix: p } = spec;
  const { values = {}, errors = {}, problem } = state;
  const headingId = `${p}-heading`;
  const title =
    heading === 'h1'
      ? html`<h1 id="${headingId}">${spec.name}</h1>`
      : html`<h2 id="${headingId}">${spec.name}</h2>`;
  const hasErrors = Boolean(errors.message?.length || errors.email?.length);
  const messageDescribedBy = [errors.message?.length && `${p}-message-error`, `${p}-message-hint`]
    .filter(Boolean)
    .join(' ');
  const emailDescribedBy = [errors.email?.length && `${p}-email-error`, `${p}-email-hint`]
    .filter(Boolean)
    .join(' ');
  const hidden = Object.entries(spec.hidden).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  return html`<section class="reader-form" aria-labelledby="${headingId}">
${title}
<p>${spec.intro}</p>
${(problem || hasErrors) && html`<p class="reader-form-error" id="${p}-problem">${problem ?? 'Please correct the fields marked below. Nothing was sent yet.'}</p>`}
<form method="post" action="${spec.action}" aria-labelledby="${headingId}" novalidate>
${hidden}
<div class="reader-field">
<label for="${p}-message">${spec.messageLabel}</label>
<p class="reader-hint" id="${p}-message-hint">${MAX_MESSAGE_LENGTH.toLocaleString('en-US')} characters at most. The newsroom reads it; it is never published.</p>
${fieldError(`${p}-message-error`, errors.message)}
<textarea id="${p}-message" name="message" rows="5" maxlength="${MAX_MESSAGE_LENGTH}" required aria-describedby="${messageDescribedBy}"${errors.message?.length ? html` aria-invalid="true"` : null}>${values.message ?? ''}</textarea>
</div>
<div class="reader-field">
<label for="${p}-email">Your email</label>
<p class="reader-hint" id="${p}-email-hint">Optional: only if you would like an answer.</p>
${fieldError(`${p}-email-error`, errors.email)}
<input id="${p}-email" name="email" type="email" maxlength="${MAX_EMAIL_LENGTH}" autocomplete="email" value="${values.email ?? ''}" aria-describedby="${emailDescribedBy}"${errors.email?.length ? html` aria-invalid="true"` : null}>
</div>
<div class="reader-trap" aria-hidden="true"><label for="${p}-${HONEYPOT_FIELD}">Leave this field empty</label><input id="${p}-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit" class="reader-submit">${spec.submitLabel}</button>
</form>
</section>`;
}

/** `Report an error`: under the article of a brief page, or alone on its page after bad input. */
export function reportErrorForm(
  target: ReportTarget,
  state: ReaderFormState = {},
  heading: 'h1' | 'h2' = 'h2',
): SafeHtml {
  return readerForm(
    {
      name: 'Report an error',
      idPrefix: 'report',
      action: reportAction(target.slug),
      intro:
        'Found a mistake in this brief? Tell us what is wrong; corrections are noted on the brief.',
      messageLabel: 'What is wrong?',
      submitLabel: 'Send report',
      hidden: { brief: target.briefId, version: target.versionId },
    },
    state,
    heading,
  );
}

/** Where a brief page's `Report an error` form posts. */
export function reportAction(slug: string): string {
  return `/briefs/${encodeURIComponent(slug)}/report`;
}

/** `Suggest a question`: on the front page, or alone on its page after bad input. */
export function suggestQuestionForm(
  state: ReaderFormState = {},
  heading: 'h1' | 'h2' = 'h2',
): SafeHtml {
  return readerForm(
    {
      name: 'Suggest a question',
      idPrefix: 'suggest',
      action: '/suggest',
      intro: 'Seen a claim you would like checked? Ask us the question.',
      messageLabel: 'Your question',
      submitLabel: 'Send question',
      hidden: {},
    },
    state,
    heading,
  );
}

function noindexHead(title: string, site: SiteChrome): SafeHtml {
  return html`<title>${title} — ${site.name}</title>\n<meta name="robots" content="noindex">`;
}

/** Where a reader goes back to: the brief they reported on, or the front page. */
export interface WayBack {
  href: string;
  label: string;
}

export const backToFrontPage: WayBack = { href: '/', label: 'Back to all briefs' };

export function backToBrief(slug: string): WayBack {
  return { href: `/briefs/${encodeURIComponent(slug)}`, label: 'Back to the brief' };
}

/** The form again, with what was typed and what is wrong with it (answered 400). */
export function renderReportFormPage(
  site: SiteChrome,
  target: ReportTarget,
  state: ReaderFormState,
): string {
  const back = backToBrief(target.slug);
  return publicHtmlPage(
    site,
    noindexHead('Report an error', site),
    html`${reportErrorForm(target, state, 'h1')}\n<p><a href="${back.href}">${back.label}</a></p>`,
  );
}

export function renderSuggestFormPage(site: SiteChrome, state: ReaderFormState): string {
  return publicHtmlPage(
    site,
    noindexHead('Suggest a question', site),
    html`${suggestQuestionForm(state, 'h1')}\n<p><a href="${backToFrontPage.href}">${backToFrontPage.label}</a></p>`,
  );
}

/** Sent (or, for a robot that filled the honeypot, as if sent). */
export function renderThanksPage(
  site: SiteChrome,
  kind: 'error' | 'question',
  back: WayBack,
): string {
  const [title, text] =
    kind === 'error'
      ? [
          'Thank you for your report',
          'The newsroom reads every report and corrects what is wrong; corrections are listed on the brief and on the corrections page.',
        ]
      : [
          'Thank you for your question',
          'The newsroom reads every suggestion; the questions it checks are published as briefs.',
        ];
  return publicHtmlPage(
    site,
    noindexHead(title, site),
    html`<h1>${title}</h1>\n<p>${text} What you sent is not published.</p>\n<p><a href="${back.href}">${back.label}</a></p>`,
  );
}

/** Over the per-address limit (answered 429 with Retry-After). */
export function renderThrottledPage(site: SiteChrome, retryAfterMs: number, back: WayBack): string {
  return publicHtmlPage(
    site,
    noindexHead('Too many messages', site),
    html`<h1>Too many messages from your address</h1>\n<p>We take a few messages an hour from each address, and yours has sent them. ${describeRetryAfter(retryAfterMs)}</p>\n<p><a href="${back.href}">${back.label}</a></p>`,
  );
}

/** The brief (or the version read) is not one readers can report on any more (answered 404). */
export function renderNotReportablePage(site: SiteChrome, message: string): string {
  return publicHtmlPage(
    site,
    noindexHead('Report not sent', site),
    html`<h1>Your report was not sent</h1>\n<p>${message}</p>\n<p><a href="${backToFrontPage.href}">${backToFrontPage.label}</a></p>`,
  );
}
