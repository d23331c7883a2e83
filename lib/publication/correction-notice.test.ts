import { describe, expect, it } from 'vitest';
import { emptyBriefDocument } from '@/lib/content/document';
import { renderBriefArticle } from './brief-html';
import { correctionKindName, correctionNotice } from './correction-notice';

const note = (id: string, kind: string, notedOn: string) => ({
  id,
  kind,
  note: `Note ${id}`,
  notedOn,
});

function articleWith(corrections: ReturnType<typeof note>[]): string {
  return renderBriefArticle({
    document: { ...emptyBriefDocument(), question: 'Did it happen?' },
    checkedOn: '2025-12-06',
    disclaimer: '',
    corrections,
  }).toString();
}

describe('the notice of a corrected brief', () => {
  it('names what the latest note did, dated, linking to its entry', () => {
    for (const [kind, lead] of [
      ['correction', 'Corrected on'],
      ['clarification', 'Clarified on'],
      ['update', 'Updated on'],
    ] as const) {
      expect(correctionNotice([note('n1', kind, '2025-12-08')])?.toString()).toBe(
        `<p class="correction-notice"><a href="#correction-n1">${lead} <time datetime="2025-12-08">December 8, 2025</time></a></p>`,
      );
    }
  });

  it('is the latest note, and counts the earlier ones', () => {
    const two = correctionNotice([
      note('n1', 'correction', '2025-12-08'),
      note('n2', 'update', '2026-01-03'),
    ])?.toString();
    expect(two).toContain('<a href="#correction-n2">Updated on <time datetime="2026-01-03">');
    expect(two).toContain(' and <a href="#corrections-heading">1 earlier note</a>');
    const three = correctionNotice([
      note('n1', 'correction', '2025-12-08'),
      note('n2', 'update', '2026-01-03'),
      note('n3', 'clarification', '2026-01-04'),
    ])?.toString();
    expect(three).toContain('Clarified on');
    expect(three).toContain('>2 earlier notes</a>');
    expect(correctionNotice([])).toBeNull();
  });

  it('stands under "Checked on", and each note at the bottom has the anchor it links to', () => {
    const page = articleWith([note('n1', 'clarification', '2025-12-08')]);
    const checked = page.indexOf('class="checked-on"');
    const notice = page.indexOf('class="correction-notice"');
    const summary = page.indexOf('class="summary"');
    expect(checked).toBeGreaterThan(-1);
    expect(notice).toBeGreaterThan(checked);
    expect(notice).toBeLessThan(summary);
    expect(page).toContain(
      '<li id="correction-n1"><time datetime="2025-12-08">December 8, 2025</time> — <strong>Clarification:</strong> Note n1</li>',
    );
    expect(articleWith([])).not.toContain('correction-notice');
  });

  it('escapes whatever a stored id or kind holds', () => {
    const out = correctionNotice([note('"><script>', '<b>', '2025-12-08')])?.toString() ?? '';
    expect(out).not.toContain('<script>');
    expect(out).toContain('Noted on');
    expect(correctionKindName('<b>')).toBe('Note');
    expect(correctionKindName('update')).toBe('Update');
  });
});
