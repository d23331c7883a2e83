import type { ImportReport } from './parse';

const plural = (count: number, word: string) =>
  `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/** The counts of an import in one line: "6 sections, 8 paragraphs, 45 citations, …". */
export function importCounts(report: ImportReport): string {
  const { counts } = report;
  return [
    plural(counts.sections, 'section'),
    plural(counts.paragraphs, 'paragraph'),
    plural(counts.citations, 'citation'),
    `${plural(counts.sources, 'source')}${counts.placeholderSources ? ` (${counts.placeholderSources} to complete)` : ''}`,
    plural(counts.relatedQuestions, 'related question'),
  ].join(', ');
}

/** What the audit log keeps of an import, for the editor and the reviewer. */
export function importSummary(origin: string, report: ImportReport): string {
  const attention = report.notes.filter((n) => n.severity === 'attention').length;
  return [
    `Imported from ${origin}: ${importCounts(report)}.`,
    attention ? `${plural(attention, 'point')} needed attention at import.` : '',
    report.checkedOnAsWritten
      ? `The text said “Checked on ${report.checkedOnAsWritten}”: for information only, not this brief's date.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}
