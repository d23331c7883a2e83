import { describe, expect, it } from 'vitest';
import { html, joinHtml, jsonLdScript, SafeHtml } from './safe-html';

const hostile = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '</textarea><svg onload=alert(1)>',
  '&lt;already escaped&gt;',
];

describe('html, the one way to write markup', () => {
  it('escapes every interpolated text, in content and in attributes', () => {
    for (const text of hostile) {
      const out = html`<p title="${text}" data-x='${text}'>${text}</p>`.toString();
      expect(out).not.toMatch(/<(script|img|svg)/);
      expect(out.match(/"/g)).toHaveLength(2);
      expect(out.match(/'/g)).toHaveLength(2);
      expect(out.match(/</g)).toHaveLength(2);
    }
    expect(html`${'a & b < c'}`.toString()).toBe('a &amp; b &lt; c');
    expect(html`${'&lt;'}`.toString()).toBe('&amp;lt;');
  });

  it('inserts only SafeHtml made by html itself, and lists of values', () => {
    const inner = html`<em>${'<b>'}</em>`;
    expect(html`<p>${inner}</p>`.toString()).toBe('<p><em>&lt;b&gt;</em></p>');
    expect(html`<ul>${['<a>', html`<li>x</li>`, null, false, undefined, 3]}</ul>`.toString()).toBe(
      '<ul>&lt;a&gt;<li>x</li>3</ul>',
    );
    // Nothing else can pass a string off as markup: not a look-alike object, not the constructor.
    const lookalike = { toString: () => '<script>alert(1)</script>' };
    expect(html`${String(lookalike)}`.toString()).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(() => new SafeHtml(Symbol('SafeHtml'), '<script>')).toThrow();
    const forged = Object.assign(['<script>alert(1)</script>'], { raw: undefined });
    expect(() => html(forged as unknown as TemplateStringsArray)).toThrow();
  });

  it('drops characters no page may hold', () => {
    expect(html`<p>${'a\u0002b\uffffc\ud800d'}</p>`.toString()).toBe('<p>abcd</p>');
  });

  it('turns any address but http, https, mailto or this site into about:invalid', () => {
    const link = (url: string) => html`<a href="${url}">x</a>`.toString();
    for (const url of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'java\u0000script:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '//evil.example/',
      '/\\evil.example/',
      'https://exa mple.org/',
    ]) {
      expect(link(url), url).toBe('<a href="about:invalid">x</a>');
    }
    expect(link('https://example.org/a?b=1&c="2"')).toBe(
      '<a href="https://example.org/a?b=1&amp;c=%222%22">x</a>',
    );
    expect(link('mailto:desk@example.org')).toBe('<a href="mailto:desk@example.org">x</a>');
    expect(link('/briefs/a-slug')).toBe('<a href="/briefs/a-slug">x</a>');
    expect(link('#source-1')).toBe('<a href="#source-1">x</a>');
    // After a literal start of the address, a value cannot change its scheme.
    expect(html`<a href="#cite-${'javascript:x'}">`.toString()).toBe(
      '<a href="#cite-javascript:x">',
    );
  });

  it('refuses values where escaping does not help: handlers, styles, unquoted values, scripts', () => {
    const value = 'alert(1)';
    expect(() => html`<p onclick="${value}">`).toThrow(/no value may be interpolated/);
    expect(() => html`<p style="color: ${value}">`).toThrow(/no value may be interpolated/);
    expect(() => html`<p title=${value}>`).toThrow(/no value may be interpolated/);
    expect(() => html`<script>${value}</script>`).toThrow(/no value may be interpolated/);
    expect(() => html`<style>${value}</style>`).toThrow(/no value may be interpolated/);
    expect(html`<script></script><p>${value}</p>`.toString()).toBe(
      '<script></script><p>alert(1)</p>',
    );
  });

  it('joins pieces with a separator, leaving out empty ones', () => {
    expect(joinHtml(['a<', '', null, html`<b>b</b>`], html` · `).toString()).toBe(
      'a&lt; · <b>b</b>',
    );
  });

  it('writes JSON-LD that no text can close, with the data intact', () => {
    const value = { text: '</script><script>alert(1)</script>\u2028\u0002\uffff' };
    const out = jsonLdScript(value).toString();
    const json = out.slice('<script type="application/ld+json">'.length, -'</script>'.length);
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script>\u2028\u0002' });
  });
});
