/**
 * Fetch details under the benchmark: the app fetches a news article served from this process
 * (about 60 KB, with Open Graph, JSON-LD and Highwire tags, as real article pages carry) and reads
 * its details. The bench's server may reach 127.0.0.1 through FACTDESK_FETCH_ALLOW.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const paragraph =
  '<p>Health officials said on Tuesday that the number of measles cases reported this year had risen sharply, and urged parents to check that their children had received both doses of the vaccine.</p>';

const articlePage = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Measles cases rose in 2024, agency says | The Example Times</title>
<meta property="og:title" content="Measles cases rose in 2024, agency says">
<meta property="og:site_name" content="The Example Times">
<meta property="article:published_time" content="2024-03-05T09:00:00+01:00">
<meta name="citation_title" content="Measles cases rose in 2024, agency says">
<meta name="citation_author" content="Rossi, Maria">
<script type="application/ld+json">${JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'NewsArticle',
  headline: 'Measles cases rose in 2024, agency says',
  author: [{ '@type': 'Person', name: 'Maria Rossi' }],
  publisher: { '@type': 'NewsMediaOrganization', name: 'The Example Times' },
  datePublished: '2024-03-05T09:00:00+01:00',
})}</script>
</head><body><main><article>${paragraph.repeat(300)}</article></main></body></html>`;

/** Milliseconds of each Fetch details request after `warmup` unmeasured ones. */
export async function sourceDetailsTimings(
  baseUrl: string,
  cookie: string,
  rounds: number,
  warmup = 5,
): Promise<number[]> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(articlePage);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/article`;
  const timings: number[] = [];
  try {
    for (let round = 0; round < warmup + rounds; round += 1) {
      const start = performance.now();
      const response = await fetch(`${baseUrl}/api/sources/details`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin: baseUrl },
        body: JSON.stringify({ url: pageUrl }),
      });
      const answer = (await response.json()) as { ok?: boolean; message?: string };
      if (!response.ok || !answer.ok) {
        throw new Error(`Fetch details answered ${response.status}: ${JSON.stringify(answer)}`);
      }
      if (round >= warmup) timings.push(performance.now() - start);
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return timings;
}
