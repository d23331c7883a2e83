/**
 * Captures under the benchmark: taking one capture of a 1 MB page (fetch, hash, compress, read
 * its text), and the review screen of a brief whose 50 cited sources each have a capture (each
 * quote looked for in its page) against the same brief without captures. The pages are served
 * from this process on 127.0.0.1, which the bench (FACTDESK_FETCH_ALLOW) and its server may reach.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBrief, saveBrief } from '@/lib/briefs/mutations';
import type { Actor } from '@/lib/policy/policy';
import {
  latestCaptures,
  requestMissingCaptures,
  takeCapture,
  takeNextCapture,
} from '@/lib/sources/captures';
import { submitForReview } from '@/lib/workflow/mutations';
import { benchDocument, citingSummary } from './documents';
import { timed } from './http';

const paragraph =
  '<p>Officials said on Tuesday that spending on public housing had grown in every region last year, while analysts disagreed about what the figures meant for rents and wages.</p>';

/** An article page of about `bytes` bytes whose text holds `quote`. */
function articlePage(bytes: number, quote: string): string {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Spending report</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>Spending report</h1><p>${quote}</p>`;
  const tail = '</article></main><footer>© The Example Times</footer></body></html>';
  const count = Math.max(1, Math.round((bytes - head.length - tail.length) / paragraph.length));
  return `${head}${paragraph.repeat(count)}${tail}`;
}

const quoteOf = (n: number) => `The minister said spending on item ${n} rose by ${n} per cent.`;

async function serve(
  pages: (path: string) => string | null,
): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    const page = pages(request.url ?? '/');
    response.writeHead(page === null ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ?? 'Not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Milliseconds of each capture of a 1 MB page, after `warmup` unmeasured ones. */
export async function captureTimings(rounds: number, warmup = 3): Promise<number[]> {
  const page = articlePage(1024 * 1024, quoteOf(1));
  const { server, base } = await serve(() => page);
  const timings: number[] = [];
  try {
    for (let round = 0; round < warmup + rounds; round += 1) {
      const start = performance.now();
      const outcome = await takeCapture(`${base}/article`);
      if (outcome.state !== 'captured')
        throw new Error(`The capture failed: ${outcome.failureMessage}`);
      if (round >= warmup) timings.push(performance.now() - start);
    }
  } finally {
    await close(server);
  }
  return timings;
}

/**
 * Milliseconds of GET /desk/briefs/<id>/review, as a reviewer, for two briefs in review with the
 * same 5,000 words and 50 cited sources (each with a quote on its 60 KB page): one whose sources
 * are all captured, one with no capture. Alternating, after `warmup` unmeasured rounds.
 */
export async function reviewScreenTimings(input: {
  baseUrl: string;
  editor: Actor;
  reviewerCookie: string;
  rounds: number;
  warmup?: number;
}): Promise<{ captured: number[]; uncaptured: number[] }> {
  const { server, base } = await serve((path) => {
    const n = Number(/^\/source\/(\d+)$/.exec(path)?.[1]);
    return n ? articlePage(60 * 1024, quoteOf(n)) : null;
  });
  try {
    const document = benchDocument({ words: 5_000, citations: 50, sources: 50 });
    document.sources = document.sources.map((source, i) => ({
      ...source,
      url: `${base}/source/${i + 1}`,
      quote: quoteOf(i + 1),
    }));
    document.summary = citingSummary('bench-source-1');
    const inReview = async () => {
      const { id } = await createBrief(input.editor);
      await saveBrief(input.editor, id, { baseRevision: 1, kind: 'save', document });
      await submitForReview(input.editor, id);
      return id;
    };
    const captured = await inReview();
    const uncaptured = await inReview();
    await requestMissingCaptures(input.editor, captured);
    // The server's capture worker takes some of them too: wait until every one is stored.
    for (;;) {
      while (await takeNextCapture());
      const captures = [...(await latestCaptures(input.editor, captured)).values()];
      if (captures.length === 50 && captures.every((c) => c.state === 'captured')) break;
      if (captures.some((c) => c.state === 'failed')) throw new Error('A capture failed.');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const timings = { captured: [] as number[], uncaptured: [] as number[] };
    const warmup = input.warmup ?? 3;
    for (let round = 0; round < warmup + input.rounds; round += 1) {
      for (const [key, id] of [
        ['captured', captured],
        ['uncaptured', uncaptured],
      ] as const) {
        const took = await timed(`${input.baseUrl}/desk/briefs/${id}/review`, {
          headers: { cookie: input.reviewerCookie },
        });
        if (round >= warmup) timings[key].push(took);
      }
    }
    return timings;
  } finally {
    await close(server);
  }
}
