import { describe, expect, it } from 'vitest';
import { type BriefDocument, emptyBriefDocument } from '@/lib/content/document';
import { parseBriefDocument } from '@/lib/content/validate';
import { InvalidError } from '@/lib/errors';
import { textHashOf } from './suggestion-rules';

const AUTHOR = '11111111-1111-4111-8111-111111111111';
const id = `${AUTHOR}:abc123`;

const withBody = (content: unknown[]): BriefDocument => ({
  ...emptyBriefDocument(),
  body: { type: 'doc', content } as BriefDocument['body'],
});

describe('suggestions a save may store', () => {
  it('hashes the text as it stands when the suggestions settle', async () => {
    const plain = withBody([{ type: 'paragraph', content: [{ type: 'text', text: 'Hi ' }] }]);
    const suggested = withBody([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Hi ' },
          { type: 'text', text: 'there', marks: [{ type: 'insertion', attrs: { id } }] },
        ],
      },
    ]);
    expect(await textHashOf(plain)).toBeNull();
    expect(await textHashOf(suggested)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses suggestions that do not settle: the only block marked as inserted', async () => {
    const crafted = withBody([
      {
        type: 'paragraph',
        marks: [{ type: 'insertion', attrs: { id } }],
        content: [{ type: 'text', text: 'Hidden words.' }],
      },
    ]);
    expect(parseBriefDocument(crafted).ok).toBe(true);
    await expect(textHashOf(crafted)).rejects.toBeInstanceOf(InvalidError);
  });

  it('refuses a suggested change of layout or pinpoint (a modification mark), saying why', () => {
    const crafted = withBody([
      {
        type: 'heading',
        attrs: { level: 2 },
        marks: [
          {
            type: 'modification',
            attrs: { id, type: 'attr', attrName: 'level', previousValue: 7, newValue: 2 },
          },
        ],
        content: [{ type: 'text', text: 'Section' }],
      },
    ]);
    const parsed = parseBriefDocument(crafted);
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).toContain('cannot be suggested as such');
  });
});
