import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import {
  anchorAt,
  CITATION_CHARACTER,
  offsetAtPosition,
  partAnchorText,
  positionAtOffset,
  readableQuote,
} from './anchor-text';
import { schemaFor } from './extensions';
import type { RichNode } from './numbering';

const text = (value: string) => ({ type: 'text', text: value });
const citation = (sourceId: string) => ({
  type: 'citation',
  attrs: { citationId: `c-${sourceId}`, sourceId },
});

const body: RichNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Origins')] },
    {
      type: 'paragraph',
      content: [text('It began in 1990 '), citation('a'), text('.')],
    },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [text('One')] }] },
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [text('Two'), { type: 'hardBreak' }, text('lines')] },
          ],
        },
      ],
    },
    { type: 'paragraph' },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [text('Quoted 😀')] }] },
  ],
};

describe('anchor text', () => {
  it('joins blocks with a line break, a citation as one character, a hard break as a line break', () => {
    expect(partAnchorText(body).text).toBe(
      `Origins\nIt began in 1990 ${CITATION_CHARACTER}.\nOne\nTwo\nlines\n\nQuoted 😀`,
    );
    expect(partAnchorText(undefined)).toEqual({ text: '', runs: [], end: 0 });
    expect(partAnchorText({ type: 'doc', content: [{ type: 'paragraph' }] })).toEqual({
      text: '',
      runs: [],
      end: 1,
    });
  });

  it('gives each character the ProseMirror position before it, as the editor counts them', () => {
    const doc = Node.fromJSON(schemaFor.body, body);
    const anchor = partAnchorText(body);
    for (let offset = 0; offset < anchor.text.length; offset++) {
      const character = anchor.text[offset]!;
      if (
        character === '\n' &&
        doc.nodeAt(positionAtOffset(anchor, offset))?.type.name !== 'hardBreak'
      ) {
        // A block separator: the end of the block before it.
        expect(doc.resolve(positionAtOffset(anchor, offset)).parentOffset).toBe(
          doc.resolve(positionAtOffset(anchor, offset)).parent.content.size,
        );
        continue;
      }
      const node = doc.nodeAt(positionAtOffset(anchor, offset))!;
      if (node.isText) {
        const at = positionAtOffset(anchor, offset);
        // One code unit of the text (half an emoji, for the second half of a pair).
        expect(doc.textBetween(at, at + 1)).toBe(character);
      } else {
        expect(node.type.name).toBe(character === CITATION_CHARACTER ? 'citation' : 'hardBreak');
      }
    }
    // The end: the last block's content ends there.
    expect(anchor.end).toBe(doc.content.size - 2);
  });

  it('turns a selection into offsets and back', () => {
    const doc = Node.fromJSON(schemaFor.body, body);
    const anchor = partAnchorText(body);
    const from = anchor.text.indexOf('began');
    const to = from + 'began in 1990'.length;
    const pmFrom = positionAtOffset(anchor, from);
    const pmTo = positionAtOffset(anchor, to);
    expect(doc.textBetween(pmFrom, pmTo)).toBe('began in 1990');
    expect(offsetAtPosition(anchor, pmFrom)).toBe(from);
    expect(offsetAtPosition(anchor, pmTo)).toBe(to);
    // A selection of the whole first paragraph ends before the separator.
    const paragraphEnd = doc.child(0).nodeSize + doc.child(1).nodeSize - 1;
    expect(anchor.text.slice(from, offsetAtPosition(anchor, paragraphEnd))).toBe(
      `began in 1990 ${CITATION_CHARACTER}.`,
    );
    expect(positionAtOffset(anchor, 10_000)).toBe(anchor.end);
  });

  it('anchors a passage with its context, never splitting a surrogate pair', () => {
    const long = `${'x'.repeat(70)}Quoted 😀 text${'😀'.repeat(40)}`;
    const start = long.indexOf('Quoted');
    const anchor = anchorAt(long, start, start + 'Quoted 😀 text'.length);
    expect(anchor.quote).toBe('Quoted 😀 text');
    expect(anchor.prefix).toBe('x'.repeat(64));
    expect(anchor.suffix).toBe('😀'.repeat(32));
    // 64 code units would split a pair: 63, all of them whole.
    const prefixed = anchorAt(`${'😀'.repeat(40)}b end${'c'.repeat(63)}😀`, 82, 85);
    expect(prefixed.quote).toBe('end');
    expect(prefixed.prefix).toBe(`${'😀'.repeat(31)}b `);
    expect(prefixed.suffix).toBe('c'.repeat(63));
    const huge = anchorAt('y'.repeat(6000), 0, 6000);
    expect(huge.quote).toHaveLength(5000);
    expect(huge.quote.endsWith('y…')).toBe(true);
    expect(anchorAt('short', 3, 99)).toEqual({
      start: 3,
      end: 5,
      quote: 'rt',
      prefix: 'sho',
      suffix: '',
    });
  });

  it('shows citations in a quote as [citation]', () => {
    expect(readableQuote(`in 1990 ${CITATION_CHARACTER}.`)).toBe('in 1990 [citation].');
  });
});
