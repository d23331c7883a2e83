import { exportFormats, exportLabels } from '@/lib/export/format-names';

/** Download links for one version of a brief: Markdown, the stored JSON, the sources as CSL-JSON. */
export function ExportLinks({
  briefId,
  versionNumber,
}: {
  briefId: string;
  versionNumber: number;
}) {
  return (
    <p className="hint export-links">
      Export version {versionNumber}:{' '}
      {exportFormats.map((format, index) => (
        <span key={format}>
          {index > 0 && ' · '}
          <a
            href={`/desk/briefs/${briefId}/export?format=${format}&v=${versionNumber}`}
            download
            aria-label={`Export version ${versionNumber} as ${exportLabels[format]}`}
          >
            {exportLabels[format]}
          </a>
        </span>
      ))}
      {' · '}
      {/* Comments are never part of an export unless asked for, and only in Markdown. */}
      <a
        href={`/desk/briefs/${briefId}/export?format=markdown&v=${versionNumber}&comments=1`}
        download
        aria-label={`Export version ${versionNumber} as Markdown with comments`}
      >
        Markdown with comments
      </a>
    </p>
  );
}
