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
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(`value~not-an-id`)).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });

  it('sends a form’s empty filters and its own order to the one address of the view', () => {
    const params = { sort: 'question', q: 'tides', author: '', reviewer: '' };
    const view = parseDeskView(params);
    expect(isCanonicalQuery(params, view)).toBe(false);
    expect(deskBriefsHref(view)).toBe('/desk/briefs?q=tides&sort=question');
    expect(isCanonicalQuery({ q: 'tides', sort: 'question' }, view)).toBe(true);
  });
});
