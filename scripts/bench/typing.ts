import { type Browser, chromium } from '@playwright/test';
import { percentile } from './http';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      // Frames as soon as there is something to draw rather than at the next 60 Hz tick, so
      // that the figure is the work a keystroke causes (Chromium still falls back to 60 Hz
      // pacing at times; the 1,000-word reference row shows when it did).
      '--disable-frame-rate-limit',
      '--disable-gpu-vsync',
    ],
  });
}

/**
 * Keystroke-to-paint latencies (ms) while typing at the end of a brief's body: from the
 * keydown event to the first task after the next animation frame, i.e. once the frame that
 * shows the character has been produced.
 */
export async function typingLatencies(
  browser: Browser,
  input: {
    baseUrl: string;
    cookie: string;
    briefId: string;
    keystrokes: number;
    warmup: number;
    /** `inside`: within the last paragraph's text; `after-citation`: right after its citation. */
    caret: 'inside' | 'after-citation';
  },
): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const [name, value] = input.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: input.baseUrl }]);
  const page = await context.newPage();
  await page.goto(`${input.baseUrl}/desk/briefs/${input.briefId}`);
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.waitFor();
  await body.click();
  await page.keyboard.press('Control+End');
  // The benchmark documents end every paragraph with a citation: ten steps left is inside text.
  if (input.caret === 'inside') {
    for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowLeft');
  }
  await page.evaluate(() => {
    const samples: number[] = [];
    (window as unknown as { benchSamples: number[] }).benchSamples = samples;
    document.addEventListener(
      'keydown',
      () => {
        const start = performance.now();
        requestAnimationFrame(() => setTimeout(() => samples.push(performance.now() - start), 0));
      },
      true,
    );
  });
  const text = 'the quick brown fox checks the sources ';
  for (let i = 0; i < input.warmup + input.keystrokes; i += 1) {
    await page.keyboard.type(text[i % text.length]!);
    await page.waitForFunction(
      (count) => (window as unknown as { benchSamples: number[] }).benchSamples.length >= count,
      i + 1,
    );
  }
  const samples = await page.evaluate(
    () => (window as unknown as { benchSamples: number[] }).benchSamples,
  );
  await context.close();
  return samples.slice(input.warmup);
}

export function summarize(samples: number[]) {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}
