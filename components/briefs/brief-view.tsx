import { SafeMarkup } from '@/components/ui/safe-markup';
import { numberedSources } from '@/lib/content/numbered-sources';
import { displaySafeUrl } from '@/lib/content/safe-text';
import { type BriefForReaders, renderBriefArticle } from '@/lib/publication/brief-html';

type BriefViewProps = Pick<BriefForReaders, 'document'> &
  Partial<Omit<BriefForReaders, 'document'>>;

/**
 * A version as readers see it: the markup of the one article renderer (lib/publication/
 * brief-html.ts), so that the review screen shows byte for byte what the public page does.
 * Without a date, disclaimer or corrections (history, import) those parts are left out. Staff
 * also see, below the article, which sources no citation uses.
 */
export function BriefView({
  document,
  checkedOn = null,
  disclaimer = '',
  corrections = [],
  relatedSlugs,
  ratingScale,
}: BriefViewProps) {
  const article = renderBriefArticle({
    document,
    checkedOn,
    disclaimer,
    corrections,
    relatedSlugs,
    ratingScale,
  });
  const { uncited } = numberedSources(document);
  return (
    <div className="brief-view">
      <SafeMarkup markup={article} />
      {uncited.length > 0 && (
        <p className="hint">
          Uncited: {uncited.map((s) => s.title || displaySafeUrl(s.url)).join('; ')}
        </p>
      )}
    </div>
  );
}
