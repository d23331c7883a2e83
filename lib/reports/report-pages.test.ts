import { describe, expect, it } from 'vitest';
import {
  renderReportFormPage,
  renderThrottledPage,
  reportErrorForm,
  suggestQuestionForm,
} from './report-pages';

const site = {
  name: 'Factdesk',
  disclaimer: '',
  pages: { methodology: false, correctionsPolicy: false },
};
const target = {
  slug: 'did-it-happen',
  briefId: '0d6f3c8e-2a51-4a55-9a53-1a2b3c4d5e6f',
  versionId: '1e7f4d9f-3b62-4b66-8b64-2b3c4d5e6f70',
};

describe('Report an error', () => {
  it('posts the brief and the version shown to the brief’s report address', () => {
    const form = reportErrorForm(target).toString();
    expect(form).toContain('<form method="post" action="/briefs/did-it-happen/report"');
    expect(form).toContain(`<input type="hidden" name="brief" value="${target.briefId}">`);
    expect(form).toContain(`<input type="hidden" name="version" value="${target.versionId}">`);
    expect(form).toContain('<label for="report-message">What is wrong?</label>');
    expect(form).toContain('<label for="report-email">Your email</label>');
    expect(form).toContain('>Send report</button>');
    // The honeypot: hidden from assistive technology and out of the tab order.
    expect(form).toMatch(
      /<div class="reader-trap" aria-hidden="true">.*name="website" type="text" tabindex="-1"/,
    );
    expect(form).not.toContain('aria-invalid');
  });

  it('shows again what was typed, escaped, with each message tied to its field', () => {
    const page = renderReportFormPage(site, target, {
      values: { message: '</textarea><script>alert(1)</script>', email: '"><b>x' },
      errors: { email: ['Enter a valid email address, like name@example.org, or none.'] },
    });
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(page).toContain('value="&quot;&gt;&lt;b&gt;x"');
    expect(page).not.toContain('<script>');
    expect(page).toContain('<p class="reader-form-error" id="report-email-error">');
    expect(page).toContain(
      'aria-describedby="report-email-error report-email-hint" aria-invalid="true"',
    );
    expect(page).toContain('<h1 id="report-heading">Report an error</h1>');
    expect(page).toContain('<a href="/briefs/did-it-happen">Back to the brief</a>');
  });
});

describe('Suggest a question', () => {
  it('posts to /suggest with its own names', () => {
    const form = suggestQuestionForm().toString();
    expect(form).toContain('action="/suggest"');
    expect(form).toContain('<label for="suggest-message">Your question</label>');
    expect(form).toContain('>Send question</button>');
    expect(form).not.toContain('type="hidden"');
  });
});

it('tells a throttled reader when to come back', () => {
  expect(
    renderThrottledPage(site, 30 * 60_000, { href: '/', label: 'Back to all briefs' }),
  ).toContain('Try again in 30 minutes.');
});
