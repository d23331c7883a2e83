import type { Browser } from '@playwright/test';

/** Texts an attacker (or a careless paste) could send to the import, each within 1 MB. */
export const hostileImports = {
  // The report's text: 0.6 MB with 100,000 citation markers (refused from its markers).
  markers: `Is this hostile?\n\nExecutive summary\n\n${'x [1] '.repeat(100_000)}`,
  // 0.9 MB of emphasis, an 18 MB brief if read to the end (refused once 1 MB is built).
  emphasis: `Is this hostile?\n\nExecutive summary\n\n${'*a'.repeat(450_000)}`,
  // 0.68 MB with 1,000 citations: the largest kind of brief the import accepts, read in full.
  largest: `Is this long?\n\nExecutive summary\n\n${Array.from(
    { length: 1000 },
    (_, i) => `${'A sentence of the brief. '.repeat(27)}[${(i % 50) + 1}]`,
  ).join('\n\n')}\n`,
};

/**
 * Posts a text to the import's preview action as the browser does. The action's id and the
 * form's field names are those of a preview made once in Chromium, so that nothing here depends
 * on how Next.js names actions or React encodes their arguments.
 */
export async function importPoster(
  browser: Browser,
  input: { baseUrl: string; cookie: string },
): Promise<(text: string) => Promise<Response>> {
  const context = await browser.newContext();
  const [name, value] = input.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: input.baseUrl }]);
  const page = await context.newPage();
  await page.goto(`${input.baseUrl}/desk/import`);
  const sample = 'Is this a sample?\n\nExecutive summary\n\nYes [1].';
  await page.getByLabel('Brief text').fill(sample);
  const call = page.waitForRequest((r) => r.method() === 'POST' && 'next-action' in r.headers());
  await page.getByRole('button', { name: 'Preview import' }).click();
  const request = await call;
  const headers = request.headers();
  const fields = await new Response(new Uint8Array(request.postDataBuffer() ?? []), {
    headers: { 'content-type': headers['content-type']! },
  }).formData();
  await context.close();
  // Forms send line breaks as CRLF.
  const isSample = (field: FormDataEntryValue) =>
    typeof field === 'string' && field.replace(/\r\n/g, '\n') === sample;
  return (text) => {
    const form = new FormData();
    for (const [key, field] of fields) form.append(key, isSample(field) ? text : field);
    return fetch(`${input.baseUrl}/desk/import`, {
      method: 'POST',
      headers: {
        cookie: input.cookie,
        origin: input.baseUrl,
        accept: 'text/x-component',
        'next-action': headers['next-action']!,
      },
      body: form,
    });
  };
}

/**
 * Latencies (ms) of /robots.txt requested one after another while each text is imported, in
 * turn, `rounds` times; and the same number of them with nothing else running, as a baseline.
 */
export async function robotsDuringImports(
  post: (text: string) => Promise<Response>,
  input: { baseUrl: string; texts: string[]; rounds: number },
): Promise<{ during: number[]; idle: number[] }> {
  const robots = async () => {
    const start = performance.now();
    const response = await fetch(`${input.baseUrl}/robots.txt`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`/robots.txt answered ${response.status}.`);
    return performance.now() - start;
  };
  const during: number[] = [];
  for (let round = 0; round < input.rounds; round += 1) {
    for (const text of input.texts) {
      let finished = false;
      const imported = post(text).then(async (response) => {
        await response.arrayBuffer();
        finished = true;
        if (!response.ok) throw new Error(`The import answered ${response.status}.`);
      });
      while (!finished) during.push(await robots());
      await imported;
    }
  }
  const idle: number[] = [];
  while (idle.length < during.length) idle.push(await robots());
  return { during, idle };
}
