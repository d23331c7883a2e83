import type { SafeHtml } from '@/lib/publication/safe-html';

/** The one place where HTML reaches React as a string: SafeHtml, escaped by construction. */
export function SafeMarkup({ markup, className }: { markup: SafeHtml; className?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: SafeHtml is made only by lib/publication/safe-html.ts, which escapes every value it interpolates.
  return <div className={className} dangerouslySetInnerHTML={{ __html: markup.toString() }} />;
}
