import { describe, expect, it } from 'vitest';
import {
  type CheckInput,
  classifyCheck,
  entersAttention,
  type FetchedPage,
  isHomePage,
  isSettled,
  sameAddress,
} from './classify';

const url = 'https://news.example/2024/budget-schools';
const article = [
  'The budget office said that spending on schools would rise by 4 per cent next year.',
  'Officials described the change as a response to rising enrolment in the northern regions.',
  'Critics argued that the increase would barely keep pace with inflation in the coming years.',
].join('\n');

const answered = (overrides: Partial<Extract<FetchedPage, { kind: 'answered' }>> = {}) =>
  ({
    kind: 'answered',
    httpStatus: 200,
    finalUrl: url,
    sha256: 'b'.repeat(64),
    text: article,
    ...overrides,
  }) as const;

const failed = (overrides: Partial<Extract<FetchedPage, { kind: 'failed' }>> = {}) =>
  ({
    kind: 'failed',
    reason: 'timeout',
    message: 'news.example did not answer within 10 seconds, so Factdesk stopped waiting.',
    httpStatus: null,
    finalUrl: url,
    ...overrides,
  }) as const;

function check(page: FetchedPage, overrides: Partial<CheckInput> = {}) {
  return classifyCheck({
    url,
    page,
    approved: { sha256: 'a'.repeat(64), text: article },
    quote: '',
    failuresBefore: 0,
    ...overrides,
  });
}

describe('classifying a check', () => {
  it('is ok when the page answers as approved, or with cosmetic differences', () => {
    expect(check(answered({ sha256: 'a'.repeat(64) }))).toMatchObject({
      status: 'ok',
      message: 'The page is exactly as in the approved capture.',
    });
    const restyled = check(answered({ text: `Updated 3 hours ago\n${article}\nAdvertisement` }));
    expect(restyled.status).toBe('ok');
    expect(restyled.comparison?.material).toBe(false);
  });

  it('is ok without an approved capture to compare with', () => {
    expect(check(answered(), { approved: null })).toMatchObject({
      status: 'ok',
      message: 'The page answers; there is no approved captured text to compare it with.',
    });
  });

  it('is changed when a figure or much of the text changed', () => {
    const result = check(answered({ text: article.replace('4 per cent', '1 per cent') }));
    expect(result.status).toBe('changed');
    expect(result.message).toMatch(/^A figure changed since the approved capture/);
    expect(result.comparison?.changes).toHaveLength(1);
  });

  it('is quote_missing when the quote is no longer in the page, even if the rest is the same', () => {
    const quote = 'spending on schools would rise by 4 per cent';
    expect(check(answered({ sha256: 'a'.repeat(64) }), { quote }).status).toBe('ok');
    // Typography and case do not hide a quote.
    expect(
      check(answered(), { quote: 'Spending on schools   would rise by 4 per cent' }).status,
    ).toBe('ok');
    const edited = check(answered({ text: article.replace('4 per cent', '1 per cent') }), {
      quote,
    });
    expect(edited).toMatchObject({
      status: 'quote_missing',
      message: "The source's quote is no longer in the page.",
    });
    // The diff comes along, for the reviewer.
    expect(edited.comparison?.material).toBe(true);
  });

  it('is not quote_missing when the quote was not in the approved capture either', () => {
    // The review screen said "Quote not found in the captured page", and the reviewer approved.
    const quote = 'spending on hospitals would double';
    expect(check(answered(), { quote })).toMatchObject({ status: 'ok' });
    expect(check(answered({ sha256: 'a'.repeat(64) }), { quote }).status).toBe('ok');
    expect(
      check(answered({ text: article.replace('4 per cent', '1 per cent') }), { quote }).status,
    ).toBe('changed');
    // Without an approved capture's text, nobody saw the quote in the page.
    expect(check(answered(), { quote, approved: null }).status).toBe('ok');
    expect(
      check(answered(), { quote, approved: { sha256: 'a'.repeat(64), text: null } }).status,
    ).toBe('ok');
  });

  it('is gone on 404 and 410', () => {
    for (const status of [404, 410]) {
      expect(check(failed({ reason: 'http', httpStatus: status, message: 'x' }))).toMatchObject({
        status: 'gone',
        message: `news.example answers HTTP ${status}: the page is gone.`,
      });
    }
  });

  it('is gone when the page redirects to the home page, and moved when to another page', () => {
    for (const home of [
      'https://news.example/',
      'https://news.example',
      'https://www.news.example/en/',
      'https://news.example/index.html?from=404',
    ]) {
      expect(check(answered({ finalUrl: home }), { approved: null }).status, home).toBe('gone');
    }
    const moved = check(answered({ finalUrl: 'https://news.example/archive/budget-schools' }));
    expect(moved).toMatchObject({
      status: 'moved',
      message:
        'The page redirects to another address: https://news.example/archive/budget-schools.',
    });
    // A cited home page that answers is just that.
    expect(
      check(answered({ finalUrl: 'https://news.example/' }), { url: 'http://news.example' }).status,
    ).toBe('ok');
  });

  it('is not moved for the same page under http/https, www or a trailing slash', () => {
    for (const same of [
      'http://news.example/2024/budget-schools',
      'https://www.news.example/2024/budget-schools/',
      'https://news.example:443/2024/budget-schools#top',
    ]) {
      expect(check(answered({ finalUrl: same })).status, same).toBe('ok');
    }
  });

  it('is changed rather than moved when the page it leads to says something else', () => {
    const result = check(
      answered({
        finalUrl: 'https://news.example/other',
        text: 'An entirely different article about the weather in the mountains this week.',
      }),
    );
    expect(result.status).toBe('changed');
    expect(result.message).toMatch(/It now redirects to https:\/\/news\.example\/other\.$/);
  });

  it('is retrying after a failure, and unreachable at the third in a row', () => {
    expect(check(failed()).status).toBe('retrying');
    expect(check(failed(), { failuresBefore: 1 })).toMatchObject({
      status: 'retrying',
      message:
        'news.example did not answer within 10 seconds, so Factdesk stopped waiting. (Failed 2 times in a row: checked again in an hour.)',
    });
    expect(check(failed(), { failuresBefore: 2 })).toMatchObject({
      status: 'unreachable',
      message:
        'news.example did not answer within 10 seconds, so Factdesk stopped waiting. (3 checks in a row failed.)',
    });
    // A server error is a failure too, not a page gone.
    expect(check(failed({ reason: 'http', httpStatus: 503 }), { failuresBefore: 2 }).status).toBe(
      'unreachable',
    );
  });
});

describe('addresses', () => {
  it('knows a home page', () => {
    expect(isHomePage('https://a.example/')).toBe(true);
    expect(isHomePage('https://a.example/fr-ca')).toBe(true);
    expect(isHomePage('https://a.example/home/')).toBe(true);
    expect(isHomePage('https://a.example/news/')).toBe(false);
    expect(isHomePage('https://a.example/2024/x')).toBe(false);
  });

  it('takes a two-letter root for a home page only when it is a common language code', () => {
    for (const language of ['/en', '/EN/', '/fr', '/de-at', '/pt_br/', '/zh-cn', '/ja']) {
      expect(isHomePage(`https://a.example${language}`), language).toBe(true);
    }
    // Sections, not languages; and /uk is the UK section as often as Ukrainian.
    for (const section of ['/tv', '/ai', '/uk', '/us', '/uk-en', '/tv-fr', '/xx']) {
      expect(isHomePage(`https://a.example${section}`), section).toBe(false);
    }
    expect(check(answered({ finalUrl: 'https://news.example/tv' })).status).toBe('moved');
  });

  it('compares the query regardless of order, and nothing else of it', () => {
    expect(sameAddress('https://a.example/p?x=1&y=2', 'https://a.example/p?y=2&x=1')).toBe(true);
    expect(sameAddress('https://a.example/p?x=1', 'https://a.example/p?x=2')).toBe(false);
    expect(sameAddress('https://a.example/p', 'https://b.example/p')).toBe(false);
  });
});

describe('entering attention', () => {
  const a = 'a'.repeat(64);
  const b = 'b'.repeat(64);
  it('happens when a check first finds a source gone, changed or without its quote', () => {
    expect(entersAttention(null, { status: 'gone', approvedSha256: a })).toBe(true);
    expect(
      entersAttention(
        { status: 'ok', approvedSha256: a },
        { status: 'changed', approvedSha256: a },
      ),
    ).toBe(true);
    expect(
      entersAttention(
        { status: 'changed', approvedSha256: a },
        { status: 'quote_missing', approvedSha256: a },
      ),
    ).toBe(true);
  });

  it('does not happen again while the checks find the same against the same capture', () => {
    expect(
      entersAttention(
        { status: 'changed', approvedSha256: a },
        { status: 'changed', approvedSha256: a },
      ),
    ).toBe(false);
    expect(
      entersAttention({ status: 'gone', approvedSha256: a }, { status: 'gone', approvedSha256: a }),
    ).toBe(false);
  });

  it('happens again when the page differs from a newer approved capture', () => {
    expect(
      entersAttention(
        { status: 'changed', approvedSha256: a },
        { status: 'changed', approvedSha256: b },
      ),
    ).toBe(true);
  });

  it('looks past outages and refusals: they say nothing of the page', () => {
    for (const status of ['retrying', 'unreachable', 'skipped'] as const) {
      expect(isSettled(status), status).toBe(false);
    }
    for (const status of ['ok', 'moved', 'gone', 'changed', 'quote_missing'] as const) {
      expect(isSettled(status), status).toBe(true);
    }
  });

  it('never happens for the other statuses', () => {
    for (const status of ['ok', 'moved', 'unreachable'] as const) {
      expect(entersAttention(null, { status, approvedSha256: a })).toBe(false);
    }
  });
});
