import { describe, expect, it } from 'vitest';
import { jsonLdScript } from './safe-html';
import { frontPageStructuredData } from './site-data';

describe('frontPageStructuredData', () => {
  const site = { name: 'Facts & </script> Co', baseUrl: 'https://facts.example' };

  it('names the site, how to search it and the newsroom behind it', () => {
    const markup = jsonLdScript(frontPageStructuredData(site)).toString();
    // Parsed strictly, as a consumer would: the script's text is JSON.
    const json = /^<script type="application\/ld\+json">(.*)<\/script>$/s.exec(markup)?.[1];
    expect(json).toBeDefined();
    const data = JSON.parse(json as string);
    expect(data['@context']).toBe('https://schema.org');
    const byType = Object.fromEntries(
      data['@graph'].map((node: { '@type': string }) => [node['@type'], node]),
    );
    expect(byType.WebSite).toEqual({
      '@type': 'WebSite',
      '@id': 'https://facts.example/#website',
      name: 'Facts & </script> Co',
      url: 'https://facts.example/',
      publisher: { '@id': 'https://facts.example/#organization' },
      potentialAction: {
        '@type': 'SearchAction',
        target: {
          '@type': 'EntryPoint',
          urlTemplate: 'https://facts.example/search?q={search_term_string}',
        },
        'query-input': 'required name=search_term_string',
      },
    });
    expect(byType.NewsMediaOrganization).toEqual({
      '@type': 'NewsMediaOrganization',
      '@id': 'https://facts.example/#organization',
      name: 'Facts & </script> Co',
      url: 'https://facts.example/',
    });
    // The name cannot close the script element it is written in.
    expect(markup.match(/<\/script>/g)).toHaveLength(1);
  });
});
