import { describe, expect, it } from 'vitest';
import type { ThreadView } from '@/lib/comments/schemas';
import { commentsToMarkdown } from './comments';

const thread = (body: string, quote = 'Officials'): ThreadView => ({
  id: 't1',
  part: 'limitations',
  start: 0,
  end: quote.length,
  quote,
  prefix: '',
  suffix: '',
  detached: false,
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: { id: 'u1', name: 'Ada_Lovelace' },
  resolvedAt: null,
  resolvedBy: null,
  comments: [
    {
      id: 'c1',
      author: { id: 'u1', name: 'Ada_Lovelace' },
      body,
      createdAt: '2026-12-01T10:00:00.000Z',
    },
  ],
});

describe('comments in the Markdown export', () => {
  it('says when there are none', () => {
    expect(commentsToMarkdown([])).toBe('## Comments\n\nNo comment threads.\n');
  });

  it('keeps comments as plain text: no structure, no markup, no code block, lines kept', () => {
    const markdown = commentsToMarkdown([
      thread('1. first\n    indented | cell\n\n> quoted\n- item\n~~~\n<b>&amp; [x](y)', '2) two'),
    ]);
    expect(markdown).toBe(
      [
        '## Comments',
        '',
        '### Thread 1: Limitations · Open',
        '',
        '> 2\\) two',
        '',
        '- **Ada\\_Lovelace**, 2026-12-01T10:00:00.000Z:',
        '  1\\. first\\',
        '  indented \\| cell\\',
        '  \\> quoted\\',
        '  \\- item\\',
        '  \\~~~\\',
        '  \\<b\\>\\&amp; \\[x\\](y)',
        '',
      ].join('\n'),
    );
  });
});
