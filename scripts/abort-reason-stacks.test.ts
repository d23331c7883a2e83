import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { releaseAbortReasonStacks } from './abort-reason-stacks';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * A finished render as React ends one: the frame that aborts the render's controller closes over
 * what the render made; afterwards only the controller's signal is still referenced.
 */
function finishRender(abort: (controller: AbortController) => void) {
  const rendered = { html: 'x'.repeat(1_000_000) };
  const controller = new AbortController();
  const flush = () => {
    if (rendered.html.length > 0) abort(controller);
  };
  flush();
  return { signal: controller.signal, rendered: new WeakRef(rendered) };
}

async function collected(render: { rendered: WeakRef<object> }): Promise<boolean> {
  // A WeakRef keeps its target until the current job ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  gc();
  return render.rendered.deref() === undefined;
}

const withError = (controller: AbortController) =>
  controller.abort(new Error('This render completed successfully.'));
const withoutReason = (controller: AbortController) => controller.abort();

describe('releaseAbortReasonStacks', () => {
  // Runs first: the patch below is for the whole process.
  it('is needed: an abort reason nobody reads keeps the aborting frames and their render', async () => {
    const render = finishRender(withError);
    expect(await collected(render)).toBe(false);
    expect(render.signal.aborted).toBe(true);
  });

  it('lets a finished render go once its controller is aborted, with a reason or without', async () => {
    releaseAbortReasonStacks();
    releaseAbortReasonStacks();
    for (const abort of [withError, withoutReason]) {
      const render = finishRender(abort);
      expect(await collected(render)).toBe(true);
      expect(render.signal.aborted).toBe(true);
      expect(render.signal.reason).toBeInstanceOf(Error);
    }
    const kept = finishRender(withError);
    expect((kept.signal.reason as Error).message).toBe('This render completed successfully.');
    expect((kept.signal.reason as Error).stack).toContain('flush');
  });
});
