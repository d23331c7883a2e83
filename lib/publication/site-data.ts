import type {
  Graph,
  NewsMediaOrganization,
  SearchAction,
  WebSite,
  WithActionConstraints,
} from 'schema-dts';
import type { SiteSettings } from './render';

/**
 * The front page's JSON-LD: the site (`WebSite`, with the `SearchAction` that tells search
 * engines how to search it) and the newsroom that publishes it (`NewsMediaOrganization`), one
 * graph whose nodes refer to each other by id. Pure; render it with `jsonLdScript`.
 */
export function frontPageStructuredData(site: Pick<SiteSettings, 'name' | 'baseUrl'>): Graph {
  const home = `${site.baseUrl}/`;
  const organization: NewsMediaOrganization = {
    '@type': 'NewsMediaOrganization',
    '@id': `${home}#organization`,
    name: site.name,
    url: home,
  };
  const search: WithActionConstraints<SearchAction> = {
    '@type': 'SearchAction',
    target: { '@type': 'EntryPoint', urlTemplate: `${site.baseUrl}/search?q={search_term_string}` },
    'query-input': 'required name=search_term_string',
  };
  const website: WebSite = {
    '@type': 'WebSite',
    '@id': `${home}#website`,
    name: site.name,
    url: home,
    publisher: { '@id': `${home}#organization` },
    potentialAction: search,
  };
  return { '@context': 'https://schema.org', '@graph': [website, organization] };
}
