import { describe, expect, it } from 'vitest';
import { provenanceComment, readProvenance } from './provenance';

const briefId = '0b7c3f0e-1d2a-4c5b-9e8f-a1b2c3d4e5f6';

describe('provenance of an exported text', () => {
  it('reads back the version the export names and blanks its line', () => {
    const text = `# A question?\n\nSome text.\n\n${provenanceComment({ briefId, versionNumber: 7 })}\n`;
    const read = readProvenance(text);
    expect(read.named).toEqual([{ briefId, versionNumber: 7 }]);
    expect(read.text).not.toContain('Factdesk export');
    // Line numbers in the import report stay those of the text as given.
    expect(read.text.split('\n')).toHaveLength(text.split('\n').length);
  });

  it('names each version once, and ignores comments that only look similar', () => {
    const line = provenanceComment({ briefId, versionNumber: 2 });
    const text = [line, 'Body <!-- Factdesk export: brief x, version 3 -->', line].join('\n');
    expect(readProvenance(text).named).toEqual([{ briefId, versionNumber: 2 }]);
    expect(readProvenance('No marker here.').named).toEqual([]);
  });
});
