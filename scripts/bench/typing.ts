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

/** A Chromium trace event, as much of it as is read here. */
interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  id2?: { local?: string; global?: string };
  args?: { event_latency?: { event_type?: string } };
}

/** One key press as Chromium's trace tells it (milliseconds). */
export interface KeyPressLatency {
  /** From the browser receiving the key to the frame that shows it being presented. */
  total: number;
  /** Spent waiting for the next frame to begin after the page had handled the key. */
  frameWait: number;
  /** The page's own handling of the key (its event handlers, the editor, the DOM update). */
  main: number;
}

/**
 * Chromium's own input latency of each key press, from its trace: the `EventLatency` slice
 * runs from the moment the browser received the event to the moment the frame showing its
 * effect was presented, and its stages say where the time went. In time order of the presses.
 */
export function keyPressLatencies(trace: TraceEvent[]): KeyPressLatency[] {
  // A slice's stages share its id (ids are reused once a slice has ended).
  const open = new Map<string, { begin: TraceEvent; stages: Map<string, number> }>();
  const latencies: (KeyPressLatency & { at: number })[] = [];
  for (const event of [...trace].sort((a, b) => a.ts - b.ts)) {
    if (!event.cat?.includes('benchmark') || (event.ph !== 'b' && event.ph !== 'e')) continue;
    const key = `${event.pid}:${event.tid}:${event.id2?.local ?? event.id2?.global ?? ''}`;
    if (event.name === 'EventLatency') {
      if (event.ph === 'b') {
        open.set(key, { begin: event, stages: new Map() });
        continue;
      }
      const slice = open.get(key);
      open.delete(key);
      if (slice?.begin.args?.event_latency?.event_type !== 'KEY_PRESSED') continue;
      const stage = (name: string) => (slice.stages.get(name) ?? 0) / 1000;
      latencies.push({
        at: slice.begin.ts,
        total: (event.ts - slice.begin.ts) / 1000,
        frameWait: stage('RendererMainFinishedToBeginImplFrame'),
        main: stage('RendererMainProcessing'),
      });
      continue;
    }
    const slice = open.get(key);
    if (!slice) continue;
    // Stage durations: the begin's timestamp, replaced by the length once it ends.
    if (event.ph === 'b') slice.stages.set(event.name, -event.ts);
    else slice.stages.set(event.name, event.ts + (slice.stages.get(event.name) ?? -event.ts));
  }
  return latencies.sort((a, b) => a.at - b.at).map(({ at: _at, ...latency }) => latency);
}

/**
 * Keystroke-to-paint latencies (ms) while typing at the end of a brief's body, measured twice:
 * - `frame`: in the page, from the keydown event to the first task after the next animation
 *   frame, i.e. once the frame that shows the character has been produced;
 * - `input`: by Chromium itself (its trace's EventLatency, see keyPressLatencies), from the
 *   browser receiving the key to the frame that shows it being presented.
 */
export async function typingLatencies(
  browser: Browser,
  input: {
    baseUrl: string;
    cookie: string;
    briefId: string;
    keystrokes: number;
    warmup: number;
    /** `inside`: within the last paragraph's text; `after-citation`: right after its citation, at its end. */
    caret: 'inside' | 'after-citation';
    /** The body's open comment threads: typing waits until the editor highlights them all. */
    threads?: number;
  },
): Promise<{ frame: number[]; input: KeyPressLatency[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const [name, value] = input.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: input.baseUrl }]);
  const page = await context.newPage();
  // Every run waits for the editor's comment threads (none, or some) to be loaded and placed.
  const threadsPath = `/api/briefs/${input.briefId}/threads`;
  const threadsLoaded = page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === threadsPath && response.request().method() === 'GET',
  );
  await page.goto(`${input.baseUrl}/desk/briefs/${input.briefId}`);
  const body = page.getByRole('textbox', { name: 'Body', exact: true });
  await body.waitFor();
  if (!(await threadsLoaded).ok()) throw new Error('The comment threads did not load.');
  if (input.threads) {
    // Highlighted, each thread's text (one highlight per thread: each is one word).
    await page.waitForFunction(
      ([element, count]) =>
        new Set(
          [...(element as HTMLElement).querySelectorAll('.comment-anchor')].map((highlight) =>
            highlight.getAttribute('data-thread-id'),
          ),
        ).size >= count,
      [await body.elementHandle(), input.threads] as const,
    );
  }
  await body.click();
  // The caret is placed through the editor: Ctrl+End puts the browser's caret at the start of a
  // last paragraph that ends with a citation (a non-editable island), so keys would not go
  // where this benchmark says.
  await body.evaluate((element, caret) => {
    interface Doc {
      content: { size: number };
      descendants(visit: (node: { isText: boolean; nodeSize: number }, pos: number) => void): void;
    }
    const { editor } = element as HTMLElement & {
      editor: {
        state: { doc: Doc };
        commands: { setTextSelection(position: number): void; scrollIntoView(): void };
      };
    };
    const { doc } = editor.state;
    // The end of the last paragraph: after its citation, in the benchmark documents.
    let position = doc.content.size - 1;
    if (caret === 'inside') {
      // Eight characters before the end of the last text.
      doc.descendants((node, pos) => {
        if (node.isText) position = pos + node.nodeSize - 8;
      });
    }
    editor.commands.setTextSelection(position);
    editor.commands.scrollIntoView();
  }, input.caret);
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
  // Only the `input` category: its EventLatency slices, and little else to slow the page down.
  const cdp = await context.newCDPSession(page);
  const trace: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => trace.push(...(value as unknown as TraceEvent[])));
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['input'] },
    transferMode: 'ReportEvents',
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
  await cdp.send('Tracing.end');
  await traced;
  await context.close();
  // The last ones: the trace also reports keys pressed (to place the caret) before it started.
  return {
    frame: samples.slice(input.warmup),
    input: keyPressLatencies(trace).slice(-input.keystrokes),
  };
}

export function summarize(samples: number[]) {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}
