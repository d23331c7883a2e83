/**
 * A view of /desk/briefs as its address holds it (tab, search, filters, order, page), pure: the
 * page parses its search parameters with it and builds every link from it, so that a view can
 * be shared as a link and reloads as it was.
 */
import { z } from 'zod';
import { isId } from '@/lib/ids';

export const deskTabs = [
  'all',
  'drafts',
  'in_review',
  'changes_requested',
  'approved',
  'published',
  'needs_recheck',
  'unpublished',
  'archived',
] as const;
export type DeskTab = (typeof deskTabs)[number];

export const deskTabLabels: Record<DeskTab, string> = {
  all: 'All',
  drafts: 'Drafts',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
  needs_recheck: 'Needs re-check',
  unpublished: 'Unpublished',
  archived: 'Archived',
};

/** The sortable columns; each sorts by its value, then by id (keyset pagination needs a total order). */
export const deskSorts = ['updated', 'question', 'checked'] as const;
export type DeskSort = (typeof deskSorts)[number];

export const deskSortLabels: Record<DeskSort, string> = {
  updated: 'Last change',
  question: 'Question',
  checked: 'Checked on',
};

/** The order a column starts in when it is chosen: newest first, questions A to Z. */
export const defaultDirections: Record<DeskSort, 'asc' | 'desc'> = {
  updated: 'desc',
  question: 'asc',
  checked: 'desc',
};

export const DESK_PAGE_SIZE = 50;
export const DESK_SEARCH_MAX = 200;

/** Where a page starts: after (or before) the row with this sort value and id. */
export interface DeskCursor {
  value: string;
  id: string;
}

export interface DeskView {
  tab: DeskTab;
  q: string;
  author: string | null;
  reviewer: string | null;
  sort: DeskSort;
  dir: 'asc' | 'desc';
  after: DeskCursor | null;
  before: DeskCursor | null;
}

/** `value` and id, joined by `~`: readable in the address, and ids hold no `~`. */
export function encodeCursor(cursor: DeskCursor): string {
  return `${cursor.value}~${cursor.id}`;
}

/** Postgres' text of a timestamptz (ISO style), as the list writes its `Last change` cursors. */
const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)([+-]\d{2}(?::\d{2}){0,2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date that exists (no 2026-02-30). */
function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether a cursor's value is one the sort's column can hold: anything else is dropped. */
function fitsSort(value: string, sort: DeskSort): boolean {
  switch (sort) {
    case 'updated': {
      const parts = TIMESTAMP.exec(value);
      return (
        parts !== null &&
        isCalendarDate(parts[1]!) &&
        /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d/.test(parts[2]!)
      );
    }
    case 'checked':
      return isCalendarDate(value);
    case 'question':
      return !value.includes('\0');
  }
}

/** A cursor from the address, or null when it is not one this sort could have written. */
export function decodeCursor(text: string | undefined, sort: DeskSort): DeskCursor | null {
  if (!text) return null;
  const at = text.lastIndexOf('~');
  if (at < 0) return null;
  const value = text.slice(0, at);
  const id = text.slice(at + 1);
  if (!isId(id) || value.length > 1000 || !fitsSort(value, sort)) return null;
  return { value, id };
}

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const personId = z.preprocess(
  one,
  z
    .string()
    .refine(isId)
    .nullable()
    .catch(null)
    .transform((id) => id ?? null),
);

const viewSchema = z.object({
  tab: z.preprocess(one, z.enum(deskTabs).catch('all')),
  // Control characters are dropped rather than refused: a search is never an error.
  q: z.preprocess(
    one,
    z
      .string()
      .catch('')
      .transform((q) =>
        q
          .replace(/\p{Cc}+/gu, ' ')
          .trim()
          .slice(0, DESK_SEARCH_MAX),
      ),
  ),
  author: personId,
  reviewer: personId,
  sort: z.preprocess(one, z.enum(deskSorts).catch('updated')),
  dir: z.preprocess(one, z.enum(['asc', 'desc']).optional().catch(undefined)),
  after: z.preprocess(one, z.string().optional().catch(undefined)),
  before: z.preprocess(one, z.string().optional().catch(undefined)),
});

/** The view named by the page's search parameters; anything unknown or malformed falls back. */
export function parseDeskView(params: Record<string, string | string[] | undefined>): DeskView {
  const parsed = viewSchema.parse({
    tab: params.tab,
    q: params.q ?? '',
    author: params.author ?? null,
    reviewer: params.reviewer ?? null,
    sort: params.sort,
    dir: params.dir,
    after: params.after,
    before: params.before,
  });
  const after = decodeCursor(parsed.after, parsed.sort);
  return {
    tab: parsed.tab,
    q: parsed.q,
    author: parsed.author,
    reviewer: parsed.reviewer,
    sort: parsed.sort,
    dir: parsed.dir ?? defaultDirections[parsed.sort],
    after,
    before: after ? null : decodeCursor(parsed.before, parsed.sort),
  };
}

export const firstPageView: DeskView = {
  tab: 'all',
  q: '',
  author: null,
  reviewer: null,
  sort: 'updated',
  dir: 'desc',
  after: null,
  before: null,
};

/**
 * The address of a view: only what differs from the first page of `All` is written. A change of
 * tab, search, filter or order starts again at the first page (callers clear the cursors).
 */
export function deskBriefsHref(view: Partial<DeskView>): string {
  const full = { ...firstPageView, ...view };
  const params = new URLSearchParams();
  if (full.tab !== 'all') params.set('tab', full.tab);
  if (full.q) params.set('q', full.q);
  if (full.author) params.set('author', full.author);
  if (full.reviewer) params.set('reviewer', full.reviewer);
  if (full.sort !== 'updated') params.set('sort', full.sort);
  if (full.dir !== defaultDirections[full.sort]) params.set('dir', full.dir);
  if (full.after) params.set('after', encodeCursor(full.after));
  else if (full.before) params.set('before', encodeCursor(full.before));
  const query = params.toString();
  return query ? `/desk/briefs?${query}` : '/desk/briefs';
}

/**
 * Whether the search parameters are the view's own address: a form sends empty filters and
 * fields in its own order, and an old link may hold what no longer parses. The page redirects
 * such requests to `deskBriefsHref(view)`, so that every view has one address to share.
 */
export function isCanonicalQuery(
  params: Record<string, string | string[] | undefined>,
  view: DeskView,
): boolean {
  const given = Object.entries(params)
    .flatMap(([key, value]) =>
      value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => `${key}=${v}`),
    )
    .sort();
  const query = deskBriefsHref(view).split('?')[1] ?? '';
  const canonical = [...new URLSearchParams(query)].map(([key, value]) => `${key}=${value}`).sort();
  return given.length === canonical.length && given.every((entry, at) => entry === canonical[at]);
}
