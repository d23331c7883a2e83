import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBrief } from '@/lib/import/parse';
import type { RichNode } from './numbering';
import { richTextWithoutCitations, searchableText, withoutCitationMarks } from './plain-text';

const text = (value: string): RichNode => ({ type: 'text', text: value });
const cite = (sourceId: string, locator: string | null = null): RichNode => ({
  type: 'citation',
  attrs: { citationId: `c-${sourceId}-${locator}`, sourceId, locator },
});
const paragraph = (...content: RichNode[]): RichNode => ({
  type: 'doc',
  content: [{ type: 'paragraph', content }],
});

/** Writes "[n]" for a citation as the excerpt function would see it: U+0000. */
const marked = (value: string) => value.replace(/\[\d+\]/g, '\u0000');

describe('withoutCitationMarks', () => {
  it.each([
    ['analysts say (see [8], [3]).', 'analysts say.'],
    ['analysts say (see [8], [3], p1_s8), while', 'analysts say (see p1_s8), while'],
    ['deterrence (see [5], [9], [12][2]). The record', 'deterrence. The record'],
    ['indecision (see [2], [5], [12][3]).', 'indecision.'],
    ['before and after 2022 [1] [2] [3]. Many', 'before and after 2022. Many'],
    [
      'a “huge cause” among several drivers [3] [8], while prominent',
      'a “huge cause” among several drivers, while prominent',
    ],
    ['claims [1]; others [2].', 'claims; others.'],
    ['it grew ([4]) last year', 'it grew last year'],
    ['it grew [[4]] last year', 'it grew last year'],
    ['it grew (see also [4]) last year', 'it grew last year'],
    ['it grew (cf. [4]; [5]) last year', 'it grew last year'],
    ['it grew (e.g., [4], [5]).', 'it grew.'],
    ['it grew (See [4].)', 'it grew'],
    ['it grew ([4] and [5]).', 'it grew.'],
    ['it grew (p. 4, [4]).', 'it grew (p. 4).'],
    ['it grew ([4]; p. 4).', 'it grew (p. 4).'],
    ['[1] Opening mark', 'Opening mark'],
    ['first line [1]\n[2] second line', 'first line\nsecond line'],
    ['a claim [1] in the middle', 'a claim in the middle'],
    ['ends with a mark [1]', 'ends with a mark'],
  ])('%j reads %j', (input, expected) => {
    expect(withoutCitationMarks(marked(input))).toBe(expected);
  });

  it.each([
    'Text with (see above) and (see, for instance, the report).',
    'Numbers [1] written by hand stay, as do (parentheses) and [brackets].',
    'Spacing  kept   as written ,even here ; and (here , ) too.',
    'e.g. this, cf. that, see also those',
    '',
  ])('leaves %j alone: it holds no citation', (input) => {
    expect(withoutCitationMarks(input)).toBe(input);
  });
});

describe('richTextWithoutCitations', () => {
  it('leaves out citations, pinpoints and broken ones alike, with what only served them', () => {
    const doc = paragraph(
      text('Analysts say (see '),
      cite('a', 'p. 12'),
      text(', '),
      cite('missing'),
      text('). Others disagree '),
      cite('b'),
      cite('a', '§3'),
      text('.'),
    );
    expect(richTextWithoutCitations(doc)).toBe('Analysts say. Others disagree.');
  });

  it('reads hostile spacing around citations in linear time', () => {
    const spaces = ' '.repeat(200_000);
    const doc = paragraph(
      text(`a${spaces}(`),
      cite('a'),
      text(`${spaces},${spaces}`),
      cite('b'),
      text(`${spaces})`),
    );
    expect(richTextWithoutCitations(doc).length).toBeGreaterThan(500_000);
  });

  it('drops a U+0000 that came from elsewhere instead of reading it as a citation', () => {
    expect(richTextWithoutCitations(paragraph(text('a\u0000 (see b)')))).toBe('a (see b)');
  });

  it('reads the sample brief without one leftover of a citation', () => {
    const sample = readFileSync(
      new URL('../../scripts/seed-data/nato-brief.txt', import.meta.url),
      'utf8',
    );
    const result = importBrief(sample, { today: '2026-11-27' });
    if (!result.ok) throw new Error(result.error);
    const { text: all } = searchableText(result.document);
    expect(all).toContain('(see p1_s8)');
    expect(all.length).toBeGreaterThan(1000);
    // Nothing a removed citation could have left: empty or comma-only parentheses, "see" before
    // a closing parenthesis or a comma, a space before a full stop or a comma, a marker.
    expect(all).not.toMatch(/\(\s*[,;]?\s*\)|\bsee\s*[,)]|\(see\s*,|[^\S\n][.,;]|\[\d*\]/);
    expect(all.includes('\u0000')).toBe(false);
  });
});
