/** The export formats, apart from their writers so that the editor's bundle stays small. */
export const exportFormats = ['markdown', 'json', 'csl'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportLabels: Record<ExportFormat, string> = {
  markdown: 'Markdown',
  json: 'JSON',
  csl: 'CSL-JSON',
};
