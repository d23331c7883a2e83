import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { SafeMarkup } from '@/components/ui/safe-markup';
import { siteFooter, siteHeader } from '@/lib/publication/html-page';
import { getSiteSettings } from '@/lib/settings/site';

/**
 * The public pages rendered by React (front page, search, corrections…): the same header and
 * footer as the pages written by hand, from the same escaped markup.
 */
export default async function PublicLayout({ children }: { children: ReactNode }) {
  await connection();
  const site = await getSiteSettings();
  return (
    <div className="public-page">
      <SafeMarkup className="chrome" markup={siteHeader(site)} />
      {children}
      <SafeMarkup className="chrome" markup={siteFooter(site)} />
    </div>
  );
}
