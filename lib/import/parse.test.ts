import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BriefDocument } from '@/lib/content/document';
import { numberedSources } from '@/lib/content/numbered-sources';
import type { RichNode } from '@/lib/content/numbering';
import { richTextToPlain } from '@/lib/content/plain-text';
import { checkImportLimits, type ImportReport, importBrief } from './parse';

const sample = readFileSync(
  new URL('../../scripts/seed-data/nato-brief.txt', import.meta.url),
  'utf8',
);

function counter() {
  let n = 0;
  return () => `id-${++n}`;
}

function imported(text: string): { document: BriefDocument; report: ImportReport } {
  const result = importBrief(text, { today: '2026-11-27', newId: counter() });
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** A part as readers see it: `[n]` numbers derived like everywhere else in Factdesk. */
function plain(document: BriefDocument, part: 'summary' | 'body' | 'limitations'): string {
  return richTextToPlain(document[part], numberedSources(document).numbers);
}

function nodesOf(doc: RichNode, type: string): RichNode[] {
  const found: RichNode[] = [];
  const visit = (node: RichNode) => {
    if (node.type === type) found.push(node);
    for (const child of node.content ?? []) visit(child);
  };
  visit(doc);
  return found;
}

const messages = (report: ImportReport) => report.notes.map((n) => `${n.line}: ${n.message}`);

describe('importBrief on the sample brief', () => {
  const { document, report } = imported(sample);

  it('takes the question, summary, six sections, limitations and five related questions', () => {
    expect(document.question).toBe(
      "How has NATO expansion influenced Russia's decision to invade Ukraine?",
    );
    expect(plain(document, 'summary')).toMatch(/^Scholars and policymakers disagree sharply/);
    const headings = nodesOf(document.body, 'heading');
    expect(headings.map((h) => h.attrs?.level)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(headings[0]!.content![0]!.text).toBe(
      '1. NATO expansion as Moscow’s stated grievance: threat, broken promises, and leverage',
    );
    expect(plain(document, 'limitations')).toMatch(/^this assessment relies solely/);
    expect(document.relatedQuestions).toHaveLength(5);
    expect(document.relatedQuestions[4]!.text).toBe(
      'Could alternative diplomatic arrangements on Ukraine’s neutral status have prevented the conflict?',
    );
    expect(report.counts).toEqual({
      sections: 6,
      paragraphs: 8,
      citations: 45,
      sources: 12,
      placeholderSources: 12,
      relatedQuestions: 5,
    });
  });

  it('keeps the "Checked on" line for the reviewer and drops the disclaimer', () => {
    expect(report.checkedOnAsWritten).toBe('December 6, 2025');
    const all = ['summary', 'body', 'limitations']
      .map((p) => plain(document, p as 'body'))
      .join('\n');
    expect(all).not.toMatch(/Disclaimer|Checked on/);
    expect(messages(report)).toContainEqual(expect.stringMatching(/^3: .*Checked on December 6/));
    expect(messages(report)).toContainEqual(expect.stringMatching(/^4: The disclaimer line/));
  });

  it('turns every marker into a citation of one of twelve placeholder sources', () => {
    const ids = new Set(document.sources.map((s) => s.id));
    const citations = ['summary', 'body', 'limitations'].flatMap((p) =>
      nodesOf(document[p as 'body'], 'citation'),
    );
    expect(citations).toHaveLength(45);
    expect(citations.every((c) => ids.has(String(c.attrs?.sourceId)))).toBe(true);
    expect(document.sources.map((s) => s.title).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `Source ${i + 1}`).sort(),
    );
    expect(document.sources.every((s) => s.incomplete && s.url === '')).toBe(true);
    // Numbers follow first appearance: the sample's first marker, [8], is now [1].
    expect(document.sources[0]!.title).toBe('Source 8');
    expect(plain(document, 'body')).toContain('before and after 2022 [7] [6] [2].');
  });

  it('reports the leftovers of the original page with their line', () => {
    expect(plain(document, 'summary')).toContain('(see [1], [2], p1_s8)');
    expect(plain(document, 'summary')).toContain('(see [3], [4], [5])');
    expect(messages(report)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^8: “p1_s8” looks like an internal reference/),
        expect.stringMatching(/^8: “\[12\]2”: the “2” glued to the citation was dropped/),
        expect.stringMatching(/^8: “\[12\]3”: the “3” glued/),
        expect.stringMatching(/^null: The text has no source list: 12 placeholder sources/),
      ]),
    );
  });
});

describe('importBrief: text with one paragraph per line, as copied from a web page', () => {
  const linePerParagraph = readFileSync(
    new URL('./fixtures/nato-brief-line-per-paragraph.txt', import.meta.url),
    'utf8',
  );
  const long = (words: string, citation: string) => `${`${words} `.repeat(12)}${citation}`;
  // What needs attention on a line of its own (the placeholder sources are said for the whole).
  const attention = (report: ImportReport) =>
    report.notes
      .filter((n) => n.severity === 'attention' && n.line !== null)
      .map((n) => `${n.line}: ${n.message}`);
  const headingGuess =
    'This line was taken as a section heading because it is short and numbered, though no blank line sets it apart: check that it is one.';

  it('reads the sample brief without its blank lines into the same brief', () => {
    expect(linePerParagraph.trim()).toBe(sample.replace(/\n\s*\n/g, '\n').trim());
    const withBlankLines = imported(sample);
    const { document, report } = imported(linePerParagraph);
    expect(document).toEqual(withBlankLines.document);
    expect(report.counts).toEqual(withBlankLines.report.counts);
    expect(attention(report)).toEqual([
      '5: “p1_s8” looks like an internal reference left over from the original page; it was kept as text: check it and delete it.',
      '5: “[12]2”: the “2” glued to the citation was dropped (it looks like a leftover footnote link from the original page).',
      '5: “[12]3”: the “3” glued to the citation was dropped (it looks like a leftover footnote link from the original page).',
      ...[6, 8, 10, 12, 14, 16].map((line) => `${line}: ${headingGuess}`),
    ]);
  });

  it('makes sections of two numbered headings, each followed by one long paragraph line', () => {
    const text = [
      'Did the council cut the library budget by half?',
      'Executive summary',
      'It cut the budget by 12%, not by half [1].',
      '1. What the budget says',
      long('The adopted budget lowers the libraries’ line from 4.1 to 3.6 million.', '[1] [2]'),
      '2. What the council said',
      long('The council’s spokesperson confirmed the figure in a statement.', '[2]'),
    ].join('\n');
    const { document, report } = imported(text);
    expect(report.counts.sections).toBe(2);
    expect(nodesOf(document.body, 'heading').map((h) => h.content![0]!.text)).toEqual([
      '1. What the budget says',
      '2. What the council said',
    ]);
    expect(document.body.content!.map((node) => node.type)).toEqual([
      'heading',
      'paragraph',
      'heading',
      'paragraph',
    ]);
    expect(plain(document, 'summary')).toBe('It cut the budget by 12%, not by half [1].');
    expect(attention(report)).toEqual([`4: ${headingGuess}`, `6: ${headingGuess}`]);

    // Without the summary heading, the line before the first section is the summary: a guess too.
    const guessed = imported(text.replace('Executive summary\n', ''));
    expect(guessed.report.counts.sections).toBe(2);
    expect(plain(guessed.document, 'summary')).toBe('It cut the budget by 12%, not by half [1].');
    expect(attention(guessed.report)).toEqual([
      '2: No “Executive summary” heading: the text before the first section became the summary.',
      `3: ${headingGuess}`,
      `5: ${headingGuess}`,
    ]);
  });

  it('reads bullets, a summary under another name, limitations and related questions', () => {
    const lines = [
      'Is the new bridge the longest in Europe?',
      'Key findings:',
      'It is the longest road bridge in the EU, not in Europe [1].',
      '1. How long it is',
      long('The bridge is 5.2 km long from one abutment to the other.', '[1]'),
      '• It spans the whole estuary [2].',
      '• Its main span is 1.1 km [2].',
      long('Longer bridges exist in Europe outside the EU.', '[3]'),
      '2. Which bridges are longer',
      long('The Crimean bridge, at 19 km, is the longest in Europe.', '[3]'),
      'Limitations: lengths differ with how the approaches are counted [1].',
      'Want to dive deeper?',
      'Which bridge is the longest in the world?',
      'How are the lengths of bridges measured?',
    ];
    const { document, report } = imported(lines.join('\n'));
    expect(document).toEqual(imported(lines.join('\n\n')).document);
    expect(plain(document, 'summary')).toBe(
      'It is the longest road bridge in the EU, not in Europe [1].',
    );
    expect(document.body.content!.map((node) => node.type)).toEqual([
      'heading',
      'paragraph',
      'bulletList',
      'paragraph',
      'heading',
      'paragraph',
    ]);
    expect(nodesOf(document.body, 'listItem')).toHaveLength(2);
    expect(plain(document, 'limitations')).toBe(
      'lengths differ with how the approaches are counted [1].',
    );
    expect(document.relatedQuestions.map((q) => q.text)).toEqual([
      'Which bridge is the longest in the world?',
      'How are the lengths of bridges measured?',
    ]);
    expect(attention(report)).toEqual([
      `4: ${headingGuess}`,
      '8: The text has no blank lines between paragraphs, so each line was taken as a paragraph of its own (the first time here): check that no paragraph was split in two.',
      `9: ${headingGuess}`,
    ]);
  });

  it('keeps numbered lines next to each other as a list', () => {
    const { document, report } = imported(
      [
        'Why did the project stop?',
        'Executive summary',
        long('It ran out of money, time and support.', '[1]'),
        'Three reasons stand out:',
        '1. Cost',
        '2. Time',
        '3. Support',
        long('Each is documented in the audit.', '[1]'),
      ].join('\n'),
    );
    expect(report.counts.sections).toBe(0);
    expect(nodesOf(document.body, 'listItem')).toHaveLength(0);
    expect(plain(document, 'summary').split('\n\n')).toEqual([
      expect.stringMatching(/^It ran out/),
      'Three reasons stand out:',
      'Cost',
      'Time',
      'Support',
      expect.stringMatching(/^Each is documented/),
    ]);
    expect(messages(report).join('\n')).not.toMatch(/section heading/);
  });

  it('says where the summary may have taken in sections it could not find', () => {
    const lines = [
      'Did the council cut the library budget by half?',
      'Summary of the results',
      'It cut the budget by 12%, not by half [1].',
      'What the budget says',
      long('The adopted budget lowers the libraries’ line from 4.1 to 3.6 million.', '[1]'),
      'Limitations: one budget year only [1].',
    ];
    for (const [text, line] of [
      [lines.join('\n'), 2],
      [lines.join('\n\n'), 3],
    ] as const) {
      const { document, report } = imported(text);
      expect(plain(document, 'body')).toBe('');
      expect(attention(report)).toContainEqual(
        `${line}: No section follows the executive summary, so all the text after it went into the summary: check where the summary ends (a “---” line or a numbered heading ends it).`,
      );
    }
    const oneParagraph = imported(lines.slice(0, 3).join('\n'));
    expect(messages(oneParagraph.report).join('\n')).not.toMatch(/No section follows/);
  });

  it('joins the lines of paragraphs wrapped by hand, as before', () => {
    const { document, report } = imported(
      'Was it wrapped?\n\nExecutive summary\n\nA summary wrapped\nover two lines [1].\n\n1. Section\n\nA body paragraph\nwrapped too [1].\n',
    );
    expect(plain(document, 'summary')).toBe('A summary wrapped over two lines [1].');
    expect(plain(document, 'body')).toBe('1. Section\n\nA body paragraph wrapped too [1].');
    expect(messages(report).join('\n')).not.toMatch(/no blank lines|section heading/);
  });
});

describe('importBrief: citation markers', () => {
  const sourceList =
    '\n\nSources\n[1] One — https://example.org/1\n[2] Two — https://example.org/2\n[3] Three — https://example.org/3\n';
  /** The summary with each citation shown as <title of its source|locator>. */
  const shape = (line: string) => {
    const { document } = imported(`Is it true?\n\nExecutive summary\n\n${line}${sourceList}`);
    const title = (id: unknown) => document.sources.find((s) => s.id === id)?.title;
    return document.summary
      .content![0]!.content!.map((n) =>
        n.type === 'citation'
          ? `<${title(n.attrs?.sourceId)}${n.attrs?.locator ? `|${n.attrs.locator}` : ''}>`
          : n.text,
      )
      .join('');
  };

  it.each([
    ['[1]', 'A claim [1].', 'A claim <One>.'],
    ['[1][2]', 'A claim [1][2].', 'A claim <One><Two>.'],
    ['[1] [2]', 'A claim [1] [2] [3].', 'A claim <One><Two><Three>.'],
    ['[1], [2]', 'See [1], [2].', 'See <One>, <Two>.'],
    ['[12]3 glued digits', 'A claim [2]3 and more.', 'A claim <Two> and more.'],
    ['a pinpoint', 'A claim [3, p. 12].', 'A claim <Three|p. 12>.'],
    ['several in one', 'A claim [1, 2].', 'A claim <One><Two>.'],
  ])('%s', (_name, line, expected) => {
    expect(shape(line)).toBe(expected);
  });

  it('handles 200 citations with a source list of 200 entries', () => {
    const markers = Array.from({ length: 200 }, (_, i) => `Claim ${i + 1} [${i + 1}].`).join(' ');
    const list = Array.from(
      { length: 200 },
      (_, i) => `[${i + 1}] Title ${i + 1} — https://example.org/${i + 1}`,
    ).join('\n');
    const { document, report } = imported(
      `Does it scale?\n\nExecutive summary\n\n${markers}\n\n${list}\n`,
    );
    expect(report.counts.citations).toBe(200);
    expect(report.counts.sources).toBe(200);
    expect(report.counts.placeholderSources).toBe(0);
    expect(document.sources[199]).toMatchObject({
      title: 'Title 200',
      url: 'https://example.org/200',
    });
    expect(plain(document, 'summary')).toContain('Claim 200 [200].');
  });
});

describe('importBrief: structure', () => {
  it('puts a text without sections or summary into the body and says so', () => {
    const { document, report } = imported(
      'Was it said?\n\nFirst paragraph [1].\n\nSecond paragraph [2].\n',
    );
    expect(plain(document, 'summary')).toBe('');
    expect(plain(document, 'body')).toBe('First paragraph [1].\n\nSecond paragraph [2].');
    expect(messages(report)).toContainEqual(
      expect.stringMatching(/no executive summary and no sections/),
    );
  });

  it('takes the text before the first section as the summary when there is no summary heading', () => {
    const { document } = imported(
      'Was it said?\n\nShort answer [1].\n\n1. First section\n\nDetail [1].\n',
    );
    expect(plain(document, 'summary')).toBe('Short answer [1].');
    expect(plain(document, 'body')).toBe('1. First section\n\nDetail [1].');
  });

  it('reads bullets (•, -, *) as lists, and a summary list as paragraphs', () => {
    const text =
      'Q is it?\n\nExecutive Summary — Lead [1].\n\n• in summary\n\n1. Section\n\n• one [1]\n- two\n* three\n\nAfter.\n';
    const { document, report } = imported(text);
    expect(plain(document, 'summary')).toBe('Lead [1].\n\nin summary');
    const lists = nodesOf(document.body, 'bulletList');
    expect(lists).toHaveLength(1);
    expect(nodesOf(lists[0]!, 'listItem')).toHaveLength(3);
    expect(plain(document, 'body')).toBe('1. Section\n\n- one [1]\n\n- two\n\n- three\n\nAfter.');
    expect(messages(report)).toContainEqual(
      expect.stringMatching(/executive summary hold paragraphs only: a list/),
    );
  });

  it('gives the same brief for Windows line endings', () => {
    const crlf = sample.replace(/\n/g, '\r\n');
    expect(imported(crlf).document).toEqual(imported(sample).document);
  });

  it('keeps Unicode punctuation and accepts dashes after the part names', () => {
    const text =
      'Fact check: “Did she say ‘no’?”\n\nExecutive Summary – It’s complicated… [1]\n\nLimitations — Only one source [1].\n';
    const { document } = imported(text);
    expect(document.question).toBe('“Did she say ‘no’?”');
    expect(plain(document, 'summary')).toBe('It’s complicated… [1]');
    expect(plain(document, 'limitations')).toBe('Only one source [1].');
  });

  it('reads Markdown: headings, emphasis, links, ordered and nested lists, quotes', () => {
    const text = [
      '# [Did the mayor](https://example.org/q) *really* say it?',
      '',
      '## Executive summary',
      '',
      'She **did**, on *May 2* [1].',
      '',
      '## What was said',
      '',
      'The [full speech](https://example.org/speech) is online [1].',
      '',
      '1. first',
      '2. second',
      '   - nested',
      '',
      '> A quote [1].',
      '',
      '### Detail',
      '',
      '[Bad link](javascript:alert(1)) stays text.',
    ].join('\n');
    const { document, report } = imported(text);
    expect(report.format).toBe('markdown');
    expect(document.question).toBe('Did the mayor really say it?');
    const summary = document.summary.content![0]!.content!;
    expect(summary[1]).toEqual({ type: 'text', text: 'did', marks: [{ type: 'bold' }] });
    expect(summary[3]).toEqual({ type: 'text', text: 'May 2', marks: [{ type: 'italic' }] });
    const link = nodesOf(document.body, 'text').find((n) => n.text === 'full speech');
    expect(link?.marks?.[0]).toMatchObject({
      type: 'link',
      attrs: { href: 'https://example.org/speech' },
    });
    expect(nodesOf(document.body, 'heading').map((h) => h.attrs?.level)).toEqual([2, 3]);
    expect(nodesOf(document.body, 'orderedList')).toHaveLength(1);
    expect(nodesOf(nodesOf(document.body, 'orderedList')[0]!, 'bulletList')).toHaveLength(1);
    expect(nodesOf(document.body, 'blockquote')).toHaveLength(1);
    const bad = nodesOf(document.body, 'text').find((n) => n.text?.startsWith('Bad link'));
    expect(bad?.marks).toBeUndefined();
    expect(messages(report)).toContainEqual(
      expect.stringMatching(/^19: The link to “javascript:alert\(1\)” was removed/),
    );
  });

  it('lists what it did not understand with the line number', () => {
    const text =
      'A question here?\n\nExecutive summary\n\nText [1].\n\n| a | b |\n\n```\ncode\n```\n\n![chart](https://example.org/c.png)\n';
    const { report } = imported(text);
    expect(messages(report)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^7: Tables are not supported/),
        expect.stringMatching(/^9: A code block was imported as a plain paragraph/),
        expect.stringMatching(/^13: An image/),
      ]),
    );
  });

  it('keeps ten related questions and reports the others', () => {
    const questions = Array.from({ length: 12 }, (_, i) => `- Question ${i + 1}?`).join('\n');
    const { document, report } = imported(`Main question?\n\nWant to dive deeper?\n${questions}\n`);
    expect(document.relatedQuestions).toHaveLength(10);
    expect(messages(report)).toContainEqual(
      expect.stringMatching(/^15: Only 10 related questions fit/),
    );
  });
});

describe('importBrief: the question', () => {
  it.each([
    ['Fact check: Is it?', 'Is it?'],
    ['# Why?', 'Why?'],
    ['**Who** did?', 'Who did?'],
  ])('flags "%s", shorter than the question check allows once read', (line, question) => {
    const { document, report } = imported(`${line}\n\nExecutive summary\n\nYes [1].\n`);
    expect(document.question).toBe(question);
    expect(report.notes).toContainEqual({
      line: 1,
      severity: 'attention',
      message: `The question “${question}” has ${question.length} characters; a question needs at least 10 before the brief can be submitted. Check that this line holds the whole question.`,
    });
  });

  it('flags a question longer than the check allows, and not one of 10 or 200 characters', () => {
    const long = imported(`${'Is it '.repeat(40)}so?\n\nExecutive summary\n\nYes [1].\n`);
    expect(long.report.notes).toContainEqual({
      line: 1,
      severity: 'attention',
      message:
        'The question has 243 characters; a question has at most 200 before the brief can be submitted. Shorten it.',
    });
    for (const question of ['Is it so?!', `${'x'.repeat(199)}?`]) {
      const { report } = imported(`${question}\n\nExecutive summary\n\nYes [1].\n`);
      expect(messages(report).join('\n')).not.toMatch(/characters/);
    }
  });
});

describe('importBrief: source lists', () => {
  it('reads "[n] Title — URL", "n. Title. Publisher. URL" and bare URLs', () => {
    const bracketed = imported(
      'Q one?\n\nExecutive summary\n\nA [1] B [2].\n\n[1] Report — https://example.org/a\n[2] Other report — https://example.org/b.\n',
    );
    expect(bracketed.document.sources.map((s) => [s.title, s.url])).toEqual([
      ['Report', 'https://example.org/a'],
      ['Other report', 'https://example.org/b'],
    ]);
    const numbered = imported(
      'Q two?\n\nExecutive summary\n\nA [1].\n\n1. Budget 2025. City Hall. https://example.org/budget\n',
    );
    expect(numbered.document.sources[0]).toMatchObject({
      title: 'Budget 2025',
      publisher: 'City Hall',
      url: 'https://example.org/budget',
      note: 'Imported from: 1. Budget 2025. City Hall. https://example.org/budget',
    });
    const bare = imported(
      'Q three?\n\nExecutive summary\n\nA [2] B [1].\n\nhttps://example.org/one\nhttps://example.org/two\n',
    );
    expect(bare.document.sources.map((s) => s.url)).toEqual([
      'https://example.org/two',
      'https://example.org/one',
    ]);
  });

  it('makes placeholders for markers missing from the list and reports uncited entries', () => {
    const { document, report } = imported(
      'Q four?\n\nExecutive summary\n\nA [1] B [3].\n\n[1] One — https://example.org/1\n[2] Two — https://example.org/2\n',
    );
    expect(document.sources.map((s) => s.title)).toEqual(['One', 'Source 3', 'Two']);
    expect(document.sources[1]!.incomplete).toBe(true);
    expect(messages(report)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/no entry for \[3\]: placeholder/),
        expect.stringMatching(/^8: Source 2 is never cited/),
      ]),
    );
  });
});

describe('importBrief: bad input', () => {
  it.each([
    ['empty text', '', /no text to import/],
    ['only blank lines', '\n \n\t\n', /no text to import/],
    ['no question', 'Executive summary\n\nSomething [1].', /no question/],
    [
      'a first line far too long for a question',
      `${'word '.repeat(200)}\n`,
      /cannot be the question/,
    ],
    ['binary content', 'Q?\u0000\u0001\u0002', /not plain text/],
    ['over the limit', `Q?\n${'x'.repeat(1_000_001)}`, /limit is 1 MB/],
  ])('%s', (_name, text, message) => {
    const result = importBrief(text, { today: '2026-11-27' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('importBrief: the lines the rewritten patterns read', () => {
  it.each([
    ['a closing sequence', '## What was said ##', 'What was said'],
    ['hashes glued to the text', '## Issue #12', 'Issue #12'],
    ['a hash after a space inside', '## a # b', 'a # b'],
    ['only hashes', '## ##', '##'],
  ])('a heading with %s', (_name, line, expected) => {
    const { document } = imported(`Q?\n\nExecutive summary\n\nYes [1].\n\n${line}\n\nText [1].\n`);
    expect(nodesOf(document.body, 'heading')[0]!.content![0]!.text).toBe(expected);
  });

  it.each([
    ['Checked on: December 6, 2025', 'December 6, 2025'],
    ['**Checked on:** December 6, 2025', '** December 6, 2025'],
    ['**Checked on: December 6, 2025**', 'December 6, 2025'],
    ['_Checked on December 6, 2025_', 'December 6, 2025'],
    ['Checked on    2025-12-06   ', '2025-12-06'],
  ])('"%s" is kept as written', (line, expected) => {
    const { report } = imported(`Q?\n\n${line}\n\nExecutive summary\n\nYes [1].\n`);
    expect(report.checkedOnAsWritten).toBe(expected);
  });

  it.each(['Executive summary', '**Summary:**', 'Summary :', '## Summary  ', 'Summary: **'])(
    '"%s" opens the summary',
    (line) => {
      const { document } = imported(`Q?\n\n${line}\n\nYes [1].\n\n## Section\n\nText [1].\n`);
      expect(plain(document, 'summary')).toBe('Yes [1].');
    },
  );

  it.each([
    'Executive summary',
    'EXECUTIVE SUMMARY:',
    'Summary of the results',
    'summary of the results:',
    'Summary of results',
    'Summary',
    'Summary:',
    'Key findings',
    'KEY FINDINGS:',
    '**Key findings**',
  ])('"%s" opens the summary', (line) => {
    const { document, report } = imported(
      `Is it so, then?\n\n${line}\n\nYes [1].\n\n1. Section\n\nText [1].\n`,
    );
    expect(plain(document, 'summary')).toBe('Yes [1].');
    expect(messages(report).join('\n')).not.toMatch(/executive summary|before the first section/);
  });

  it.each([['Key findings: Yes [1].'], ['Summary of the results — Yes [1].']])(
    '"%s" is the summary, written inline',
    (line) => {
      const { document } = imported(`Is it so, then?\n\n${line}\n\n1. Section\n\nText [1].\n`);
      expect(plain(document, 'summary')).toBe('Yes [1].');
    },
  );

  it('keeps the export’s “no citation needed” mark, and only at the end of a paragraph', () => {
    const { document } = imported(
      'Q?\n\nExecutive summary\n\nYes [1].\n\n## S\n\nA context paragraph. <!-- no citation needed -->\n\nMid <!-- no citation needed --> text.\n',
    );
    const [exempt, other] = nodesOf(document.body, 'paragraph');
    expect(exempt!.attrs?.noCitationNeeded).toBe(true);
    expect(plain({ ...document, body: { type: 'doc', content: [exempt!] } }, 'body')).toBe(
      'A context paragraph.',
    );
    expect(other!.attrs?.noCitationNeeded).toBe(false);
  });

  it('reads emphasis nested in the same emphasis as one', () => {
    const { document } = imported('Q?\n\nExecutive summary\n\n*a *b* c* **d **e** f** [1].\n');
    expect(document.summary.content![0]!.content!.slice(0, 2)).toEqual([
      { type: 'text', text: 'a b c', marks: [{ type: 'italic' }] },
      { type: 'text', text: ' ' },
    ]);
    expect(plain(document, 'summary')).toBe('a b c d e f [1].');
  });

  it('joins the lines of a long list item into one paragraph', () => {
    const { document } = imported(
      `Q?\n\nExecutive summary\n\nYes [1].\n\n## S\n\n- first [1]\n${'more\n'.repeat(3)}`,
    );
    const item = nodesOf(document.body, 'listItem')[0]!;
    expect(plain({ ...document, body: { type: 'doc', content: item.content } }, 'body')).toBe(
      'first [1] more more more',
    );
  });
});

// Each of these took time quadratic in the length of a run of characters (minutes to hours for
// 1 MB): a regular expression backtracking over the run, or a step repeated for every line of
// it. They complete now; the test runner's timeout is the only clock involved.
describe('importBrief: hostile texts of 1 MB', () => {
  const head = 'Q?\n\nExecutive summary\n\n';
  const run = 900_000;
  it.each([
    ['a run of blank lines', `${head}x\n${'\n'.repeat(run)}`],
    ['a run of spaces in a paragraph', `${head}a${' '.repeat(run)}b`],
    ['a run of spaces in a heading', `${head}x\n\n# a${' '.repeat(run)}b`],
    ['a run of spaces in a "Checked on" line', `Q?\nChecked on x${' '.repeat(run)}y`],
    ['a run of spaces after "Summary"', `Q?\nSummary${' '.repeat(run)}x`],
    ['a run of spaces after "Sources"', `${head}a [1]\n\nSources${' '.repeat(run)}x\n`],
    ['a run of spaces in a table row', `${head}|${' '.repeat(run)}|x`],
    [
      'a run of dashes in a source entry',
      `${head}a [1]\n\nSources\n\n1. T${' -'.repeat(run / 2)}x https://a.example`,
    ],
    ['a link-like source entry', `${head}a [1]\n\n1. [${'](x'.repeat(run / 3)}`],
    ['a list item continued on every line', `${head}- item\n${'more\n'.repeat(run / 5)}`],
    ['a list item of a paragraph a line', `${head}- item\n${'\n  more\n'.repeat(run / 8)}`],
    ['emphasis nested in itself', `${head}${'*a '.repeat(run / 8)}b${' a*'.repeat(run / 8)}`],
    ['quoted list items', `${head}${'> - x\n'.repeat(run / 6)}`],
    ['a quotation of spaces', `${head}> a${' '.repeat(run)}b\n`],
    ['a quotation of empty lines', `${head}${'>\n'.repeat(run / 2)}> x\n`],
    ['a quotation of quote marks', `${head}${'> '.repeat(run / 2)}x\n`],
    ['a heading continued on every line', `${head}x\n\n## a\\\n${'b\\\n'.repeat(run / 3)}`],
    [
      'numbered lines between long lines, one paragraph per line',
      `${head}${`1. x\n${'y'.repeat(201)}\n`.repeat(run / 210)}`,
    ],
    [
      'a run of blank lines around a numbered line, one paragraph per line',
      `${head}${'y'.repeat(201)}\n1. x${'\n'.repeat(run / 2)}z\n${'\n'.repeat(run / 2)}1. y\nz`,
    ],
  ])('%s', (_name, text) => {
    const result = importBrief(text, { today: '2026-11-27' });
    expect(result.ok || result.error).toBeTruthy();
  });

  it('says a few hundred things at most, however many there are to say', () => {
    const text = `${head}Yes [1].\n\nRelated questions\n${'Another question?\n'.repeat(50_000)}`;
    const { report } = imported(text);
    expect(report.notes).toHaveLength(201);
    expect(messages(report)).toContainEqual(
      expect.stringMatching(
        /^null: This report shows the first 200 notes; 49,\d{3} more were left out\.$/,
      ),
    );
  });
});

describe('importBrief: refused before it is read in full', () => {
  it('refuses more citations than 1 MB of brief can hold, from its markers alone', () => {
    // 0.6 MB of text, as in the report that found an import stalling the server.
    const text = `Q?\n\nExecutive summary\n\n${'x [1] '.repeat(100_000)}`;
    const result = importBrief(text, { today: '2026-11-27' });
    expect(result).toEqual({
      ok: false,
      error:
        'The text has 100,000 citations, more than a brief can hold (its limit of 1 MB of content leaves room for 13,157 at the very most). Split it into several briefs.',
    });
    expect(checkImportLimits(text).ok).toBe(false);
  });

  it('refuses more source numbers than a brief may have', () => {
    const text = `Q?\n\nExecutive summary\n\n${Array.from({ length: 2_001 }, (_, i) => `[${i + 1}]`).join(' ')}`;
    expect(importBrief(text, { today: '2026-11-27' })).toEqual({
      ok: false,
      error:
        'The text cites 2,001 different source numbers; a brief has at most 2,000 sources. Split it into several briefs.',
    });
  });

  it('stops reading as soon as what it built exceeds 1 MB (not after building all of it)', () => {
    // 150,000 headings of 4 characters: about 12 MB of brief from 0.9 MB of text.
    const text = `Q?\n\n${'1. x\n\n'.repeat(150_000)}`;
    expect(importBrief(text, { today: '2026-11-27' })).toEqual({
      ok: false,
      error:
        'This text makes a brief larger than 1 MB of content, the limit of one brief. Split it into several briefs.',
    });
  });

  it('refuses quotations nested deeper than a brief can hold, instead of dropping them', () => {
    const text = `Q?\n\nExecutive summary\n\nYes.\n\n${'> '.repeat(30)}Deep [1].\n`;
    expect(importBrief(text, { today: '2026-11-27' })).toEqual({
      ok: false,
      error:
        'This text nests quotations or lists more deeply than a brief can hold. Flatten them and import it again.',
    });
  });

  it('builds a brief just under the limit', () => {
    const paragraph = `${'A sentence of the brief. '.repeat(28)}[1]`;
    const text = `Q?\n\nExecutive summary\n\n${`${paragraph}\n\n`.repeat(1_000)}`;
    const result = importBrief(text, { today: '2026-11-27' });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result.ok && result.document).length).toBeGreaterThan(850_000);
  });
});
