import { baseUrl, getConfig } from '@/lib/config';
import { SITE_NAME } from './html-page';
import { defaultDisclaimer, type SiteSettings } from './render';

/** The public site's settings, from the configuration. */
export function siteSettings(): SiteSettings {
  const config = getConfig();
  return {
    name: SITE_NAME,
    baseUrl: baseUrl(config),
    disclaimer: config.FACTDESK_DISCLAIMER ?? defaultDisclaimer,
  };
}
