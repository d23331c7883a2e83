/**
 * A workaround for a memory leak of React Server Components on Node.js, for the production server.
 *
 * React and Next.js abort an AbortController at the end of every render with an Error as reason
 * ("This render completed successfully. All cacheSignals are now aborted…"). Nothing reads that
 * Error's `stack`, so V8 keeps its stack frames in structured form, and they hold the functions and
 * receivers of the frames alive: the render's closures and the Immediate it ran on, whose
 * AsyncLocalStorage store is the render's, and whose links to the other Immediates of its turn of
 * the event loop reach other renders. Under concurrent load every finished render stays reachable
 * (about 50 KB per search request here, never released). Reading `stack` once turns the frames into
 * a string and lets all of it go. Upstream: react/react#37288 (fix proposed in #37289),
 * vercel/next.js#84648 and #97434. Remove once Next.js ships a React with the fix.
 */
const PATCHED = Symbol.for('factdesk.abort-reason-stacks');

export function releaseAbortReasonStacks(): void {
  const prototype = AbortController.prototype as AbortController & { [PATCHED]?: true };
  if (prototype[PATCHED]) return;
  const abort = prototype.abort;
  prototype.abort = function abortAndReleaseStack(this: AbortController, reason?: unknown) {
    abort.call(this, reason);
    const stored: unknown = this.signal.reason;
    // Reading it is what frees the frames (the string is kept, as V8 would on any read).
    if (stored instanceof Error) void stored.stack;
  };
  prototype[PATCHED] = true;
}
