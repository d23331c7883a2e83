import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  deskBriefsHref,
  encodeCursor,
  firstPageView,
  isCanonicalQuery,
  parseDeskView,
} from './view';

const id = '5b0e7a4e-8f7e-4d52-9d55-1f1e2a3b4c5d';

describe('the view of /desk/briefs in its address', () => {
  it('reads nothing as the first page of All, newest change first', () => {
    expect(parseDeskView({})).toEqual(firstPageView);
    expect(deskBriefsHref(firstPageView)).toBe('/desk/briefs');
  });

  it('falls back on anything unknown or malformed instead of failing', () => {
    expect(
      parseDeskView({
        tab: 'secret',
        sort: 'drop table',
        dir: 'sideways',
        author: 'not-an-id',
        reviewer: ['also', 'bad'],
        after: 'no-cursor',
      }),
    ).toEqual(firstPageView);
  });

  it('keeps a search tidy: trimmed, control characters dropped, bounded', () => {
    expect(parseDeskView({ q: '  tides\u0000rising  ' }).q).toBe('tides rising');
    expect(parseDeskView({ q: 'x'.repeat(500) }).q).toHaveLength(200);
  });

  it('writes only what differs from the first page, and reads back the same view', () => {
    const view = {
      ...firstPageView,
      tab: 'in_review' as const,
      q: 'sea level',
      author: id,
      sort: 'question' as const,
      dir: 'desc' as const,
      after: { value: 'is the sea rising?', id },
    };
    const href = deskBriefsHref(view);
    expect(href).toBe(
      `/desk/briefs?tab=in_review&q=sea+level&author=${id}&sort=question&dir=desc&after=is+the+sea+rising%3F%7E${id}`,
    );
    const params = Object.fromEntries(new URLSearchParams(href.split('?')[1]));
    expect(parseDeskView(params)).toEqual(view);
    expect(isCanonicalQuery(params, view)).toBe(true);
  });

  it('starts each column in its natural order', () => {
    expect(parseDeskView({ sort: 'question' }).dir).toBe('asc');
    expect(parseDeskView({ sort: 'checked' }).dir).toBe('desc');
    expect(deskBriefsHref({ sort: 'question', dir: 'asc' })).toBe('/desk/briefs?sort=question');
  });

  it('round-trips cursors whose value holds the separator', () => {
    const cursor = { value: 'a ~ b', id };
    expect(decodeCursor(encodeCursor(cursor), 'question')).toEqual(cursor);
    expect(decodeCursor('value~not-an-id', 'question')).toBeNull();
    expect(decodeCursor(undefined, 'question')).toBeNull();
  });

  it('drops a cursor its sort could not have written, rather than failing the query', () => {
    const at = (value: string, sort: 'updated' | 'checked' | 'question') =>
      decodeCursor(`${value}~${id}`, sort);
    expect(at('2026-12-02 01:57:12.123456+00', 'updated')).not.toBeNull();
    expect(at('2026-12-02 01:57:12+05:30', 'updated')).not.toBeNull();
    for (const bad of [
      'abc',
      '',
      '2026-13-45 01:00:00+00',
      '2026-12-02 25:00:00+00',
      '2026-12-02',
    ]) {
      expect(at(bad, 'updated')).toBeNull();
    }
    expect(at('0001-01-01', 'checked')).not.toBeNull();
    expect(at('2026-02-30', 'checked')).toBeNull();
    expect(at('2026-12-02 01:57:12+00', 'checked')).toBeNull();
    expect(at('a\u0000b', 'question')).toBeNull();
    // A cursor of another order falls back to the first page (the address is then cleaned).
    const params = { sort: 'checked', after: `2026-12-02 01:57:12+00~${id}` };
    expect(parseDeskView(params).after).toBeNull();
    expect(isCanonicalQuery(params, parseDeskView(params))).toBe(false);
  });

  it('sends a form’s empty filters and its own order to the one address of the view', () => {
    const params = { sort: 'question', q: 'tides', author: '', reviewer: '' };
    const view = parseDeskView(params);
    expect(isCanonicalQuery(params, view)).toBe(false);
    expect(deskBriefsHref(view)).toBe('/desk/briefs?q=tides&sort=question');
    expect(isCanonicalQuery({ q: 'tides', sort: 'question' }, view)).toBe(true);
  });
});
