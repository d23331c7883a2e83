import { describe, expect, it } from 'vitest';
import { renderUnavailable } from './html-page';

describe('renderUnavailable', () => {
  it('says plainly that the page is temporarily unavailable, to readers and not to crawlers', () => {
    const html = renderUnavailable();
    expect(html).toContain('<h1>This page is temporarily unavailable</h1>');
    expect(html).toContain('try again');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('<script');
  });
});
