import { describe, expect, it } from 'vitest';
import {
  comparableText,
  compareTexts,
  figuresOf,
  MATERIAL_SHARE,
  MIN_PROSE_WORDS,
  passagesOf,
} from './text-compare';

const firstParagraphs = [
  'The budget office said on Tuesday that spending on schools would rise by 4 per cent next year, the largest increase in a decade.',
  'Officials described the change as a response to rising enrolment in the country’s northern regions, where classrooms are crowded.',
  'Critics argued that the increase would barely keep pace with inflation and would do little to close the gap with neighbouring countries.',
  'The finance minister rejected that view and said the government had made education its first priority since taking office.',
  'Teachers’ unions welcomed the announcement but warned that recruitment, not buildings, was the main problem facing the sector.',
  'A report published last spring found that one in five teaching posts in rural areas had been left unfilled for more than a term.',
  'The opposition called for an independent review of how the extra money would be shared between primary and secondary schools.',
  'Parliament is expected to vote on the budget before the end of the session, after a debate that could last several days.',
  'Economists at the central bank said the overall deficit would remain within the limits set by the fiscal rules adopted last year.',
  'The ministry will publish a detailed breakdown of the spending plans for each region in the coming weeks, officials said.',
];
/** An article of about 700 words: a headline line, a byline, a date line and prose. */
const paragraphs = ['In the capital', 'In the regions', 'Abroad'].flatMap((where) =>
  firstParagraphs.map((p) => `${where}, ${p[0]!.toLowerCase()}${p.slice(1)}`),
);

function page(options: { date?: string; extra?: string[]; body?: string[] } = {}) {
  return [
    'Schools to get more money',
    'By Jane Doe',
    `Updated ${options.date ?? 'March 5, 2024 10:32 am GMT'}`,
    'Share',
    ...(options.body ?? paragraphs),
    ...(options.extra ?? []),
  ].join('\n');
}

describe('the comparable form of a passage', () => {
  it('ignores whitespace, case, typographic quotes and dashes', () => {
    expect(comparableText('The  “budget” — said   the Office')).toBe(
      comparableText('the "budget" - said the office'),
    );
  });

  it('masks dates, times, relative times and counters', () => {
    for (const [a, b] of [
      ['Updated 5 March 2024', 'Updated 9 April 2025'],
      ['Updated March 5, 2024', 'Updated Mar. 12, 2025'],
      ['Published 2024-03-05T10:32:00Z', 'Published 2024-03-06T08:00:00+01:00'],
      ['On 05/03/2024', 'On 06/03/2024'],
      ['At 10:32 am GMT', 'At 4:05 pm GMT'],
      ['At 9pm', 'At 10.30 p.m.'],
      ['Posted 3 hours ago', 'Posted 2 days ago'],
      ['Posted yesterday', 'Posted today'],
      ['5 min read', '6 min read'],
      ['12 comments', '1,204 comments'],
      ['On Tuesday', 'On Friday'],
      ['© 2024 Example News', '© 2025 Example News'],
    ]) {
      expect(comparableText(a!), `${a} / ${b}`).toBe(comparableText(b!));
    }
  });

  it('keeps figures that are not dates or times', () => {
    expect(
      figuresOf(comparableText('Spending rose by 4.5 per cent, or 3,200 million, in 2023.')),
    ).toEqual(['4.5', '3200', '2023']);
    expect(comparableText('Spending rose by 4 per cent')).not.toBe(
      comparableText('Spending rose by 5 per cent'),
    );
  });
});

describe('the passages compared', () => {
  it('cuts prose into sentences and leaves short boilerplate lines out', () => {
    const passages = passagesOf(
      'Advertisement\nThe minister spoke. Then she left the room quietly.\nShare\nRead more',
    );
    expect(passages.map((p) => p.text)).toEqual([
      'The minister spoke.',
      'Then she left the room quietly.',
    ]);
  });

  it('keeps a run of short lines (a table) as one passage when it holds enough words', () => {
    const passages = passagesOf('Region\nShare\nNorth\n4.1 %\nSouth\n3.9 %');
    expect(passages).toHaveLength(1);
    expect(passages[0]!.text).toBe('Region · Share · North · 4.1 % · South · 3.9 %');
    expect(passages[0]!.figures).toEqual(['4.1', '3.9']);
    expect(passagesOf('By Jane Doe\nShare')).toEqual([]);
    expect(MIN_PROSE_WORDS).toBe(5);
  });
});

describe('comparing a page with its approved capture', () => {
  it('finds nothing in the same text', () => {
    const result = compareTexts(page(), page());
    expect(result).toMatchObject({ material: false, changes: [], changedShare: 0 });
  });

  it('calls new dates, times, whitespace, typography and ads cosmetic', () => {
    const now = page({
      date: '3 hours ago',
      extra: ['Advertisement', 'Sign up now'],
      body: paragraphs.map((p) => p.replaceAll('’', "'").replaceAll(' ', '  ')),
    });
    const result = compareTexts(page(), now);
    expect(result.material).toBe(false);
    expect(result.changes).toEqual([]);
  });

  it('calls a changed figure material, however small the edit', () => {
    const body = [...paragraphs];
    body[0] = body[0]!.replace('4 per cent', '2 per cent');
    const result = compareTexts(page(), page({ body }));
    expect(result.material).toBe(true);
    expect(result.figuresChanged).toBe(true);
    expect(result.changedShare).toBeLessThan(MATERIAL_SHARE);
    expect(result.changes).toEqual([{ removed: [paragraphs[0]], added: [body[0]] }]);
    expect(result.reason).toBe(
      'A figure changed since the approved capture (1 passage removed, 1 added).',
    );
  });

  it('calls a figure changed in a table material', () => {
    const before = `${paragraphs.join('\n')}\nRegion\nNorth\n4.1 %\nSouth\n3.9 %`;
    const after = `${paragraphs.join('\n')}\nRegion\nNorth\n4.1 %\nSouth\n3.4 %`;
    expect(compareTexts(before, after).material).toBe(true);
  });

  it('calls one sentence reworded without a figure cosmetic, and says so', () => {
    const body = [...paragraphs];
    body[3] = body[3]!.replace('rejected that view', 'dismissed that view');
    const result = compareTexts(page(), page({ body }));
    expect(result.material).toBe(false);
    expect(result.changes).toHaveLength(1);
    expect(result.reason).toMatch(/^Only \d+(\.\d)? % of the text changed .* cosmetic\.$/);
  });

  it('calls the same figure written another way cosmetic', () => {
    const before = `${paragraphs.join('\n')}\nThe plan costs 3,200 million over the four years of the parliament.`;
    const after = `${paragraphs.join('\n')}\nThe plan costs 3200 million over the four years of the parliament.`;
    expect(compareTexts(before, after)).toMatchObject({ material: false, figuresChanged: false });
  });

  it('calls rewritten paragraphs material by their share of the text', () => {
    const body = [...paragraphs];
    body[1] =
      'Officials gave no reason for the change and declined to answer questions from reporters.';
    body[2] =
      'Critics were not consulted before the announcement, according to people familiar with it.';
    const result = compareTexts(page(), page({ body }));
    expect(result.figuresChanged).toBe(false);
    expect(result.changedShare).toBeGreaterThanOrEqual(MATERIAL_SHARE);
    expect(result.material).toBe(true);
    expect(result.changes).toEqual([
      { removed: [paragraphs[1], paragraphs[2]], added: [body[1], body[2]] },
    ]);
  });

  it('reports removed and added passages in the order of the page', () => {
    const body = [
      ...paragraphs.slice(0, 5),
      ...paragraphs.slice(6),
      'A new closing paragraph was added to the article by its editors.',
    ];
    const result = compareTexts(page(), page({ body }));
    expect(result.changes).toEqual([
      { removed: [paragraphs[5]], added: [] },
      { removed: [], added: ['A new closing paragraph was added to the article by its editors.'] },
    ]);
  });
});
