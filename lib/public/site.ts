import { defaultDisclaimer, type SiteSettings } from './render';

/** The public site's settings, from the environment (validated at start by lib/config.ts). */
export function siteSettings(): SiteSettings {
  return {
    name: 'Factdesk',
    baseUrl: (
      process.env.FACTDESK_BASE_URL || `http://localhost:${process.env.PORT || 3000}`
    ).replace(/\/+$/, ''),
    disclaimer: process.env.FACTDESK_DISCLAIMER || defaultDisclaimer,
  };
}
