import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runChecks } from '@/lib/content/checks';
import { type BriefDocument, emptyRichDoc } from '@/lib/content/document';
import type { RichNode } from '@/lib/content/numbering';
import { makeSource } from '@/lib/content/test-fixtures';
import { defaultRatingScale } from '@/lib/settings/rating-scale';
import { BriefStore, CHECKS_DELAY_MS, relatedFromText } from './brief-store';

const cite = (citationId: string, sourceId: string): RichNode => ({
  type: 'citation',
  attrs: { citationId, sourceId, locator: null },
});
const doc = (...content: RichNode[]): RichNode => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A claim. ' }, ...content] }],
});
const document: BriefDocument = {
  question: 'Did the alliance promise anything?',
  summary: doc(cite('s1', 'b')),
  body: doc(cite('b1', 'a'), cite('b2', 'b')),
  limitations: emptyRichDoc(),
  relatedQuestions: [{ text: 'One?' }],
  sources: [makeSource('a'), makeSource('b')],
};

describe('brief store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks a claim review as it is typed, against the scale it was given', () => {
    const store = new BriefStore(document, defaultRatingScale);
    const failing = () =>
      store
        .getSnapshot()
        .checks.filter((check) => !check.passed)
        .map((check) => check.id);
    expect(failing()).not.toContain('claim-review');
    const review = { claim: 'It fell.', claimant: '', claimDate: '', appearances: [], verdict: '' };
    store.dispatch({ type: 'claimReviewChanged', claimReview: review });
    expect(store.getSnapshot().fields.claimReview).toBe(review);
    vi.advanceTimersByTime(CHECKS_DELAY_MS);
    expect(failing()).toContain('claim-review');
    store.dispatch({ type: 'claimReviewChanged', claimReview: { ...review, verdict: 'False' } });
    vi.advanceTimersByTime(CHECKS_DELAY_MS);
    expect(failing()).not.toContain('claim-review');
    // Another newsroom's scale has no "False".
    const other = new BriefStore({ ...document, claimReview: { ...review, verdict: 'False' } }, [
      { label: 'Right', explanation: '' },
      { label: 'Wrong', explanation: '' },
    ]);
    expect(other.getSnapshot().checks.find((check) => check.id === 'claim-review')?.passed).toBe(
      false,
    );
  });

  it('starts from the document: numbers by first appearance, and its checks', () => {
    const store = new BriefStore(document, defaultRatingScale);
    const snapshot = store.getSnapshot();
    expect(Object.fromEntries(snapshot.numbers)).toEqual({ b: 1, a: 2 });
    expect(snapshot.citations.map((c) => `${c.part}:${c.citationId}`)).toEqual([
      'summary:s1',
      'body:b1',
      'body:b2',
    ]);
    expect(snapshot.checks).toEqual(runChecks(document, defaultRatingScale));
  });

  it('keeps citations and numbers while only text changes, and checks after a pause', () => {
    const store = new BriefStore(document, defaultRatingScale);
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.getSnapshot();
    const body = before.parts.body;
    store.setPart('body', {
      citations: body.citations,
      paragraphs: [{ text: 'A claim, edited.', cites: true, exempt: false }],
      suggestedNodes: 0,
    });
    const after = store.getSnapshot();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(after.citations).toBe(before.citations);
    expect(after.numbers).toBe(before.numbers);
    expect(after.checks).toBe(before.checks);
    vi.advanceTimersByTime(CHECKS_DELAY_MS);
    // The same results: the same array, and nothing to re-render.
    expect(store.getSnapshot().checks).toBe(before.checks);
    expect(listener).toHaveBeenCalledTimes(1);
    store.setPart('body', {
      citations: body.citations,
      paragraphs: [{ text: 'A claim, no longer cited.', cites: false, exempt: false }],
      suggestedNodes: 0,
    });
    vi.advanceTimersByTime(CHECKS_DELAY_MS);
    expect(store.getSnapshot().checks).not.toEqual(before.checks);
  });

  it('renumbers when a citation moves to the front', () => {
    const store = new BriefStore(document, defaultRatingScale);
    const body = store.getSnapshot().parts.body;
    const [first, second] = body.citations;
    store.setPart('body', { ...body, citations: [second!, first!] });
    store.setPart('summary', { citations: [], paragraphs: [], suggestedNodes: 0 });
    expect(Object.fromEntries(store.getSnapshot().numbers)).toEqual({ b: 1, a: 2 });
    store.setPart('body', { ...body, citations: [first!] });
    expect(Object.fromEntries(store.getSnapshot().numbers)).toEqual({ a: 1 });
  });

  it('updates the fields through its reducer; deleting a cited source breaks its citations', () => {
    const store = new BriefStore(document, defaultRatingScale);
    store.dispatch({ type: 'questionChanged', question: 'Short?' });
    store.dispatch({ type: 'relatedChanged', text: 'One?\n\n Two? ' });
    store.dispatch({ type: 'sourceDeleted', id: 'a' });
    const { fields, numbers } = store.getSnapshot();
    expect(fields.question).toBe('Short?');
    expect(relatedFromText(fields.relatedText)).toEqual([{ text: 'One?' }, { text: 'Two?' }]);
    expect(Object.fromEntries(numbers)).toEqual({ b: 1 });
    vi.advanceTimersByTime(CHECKS_DELAY_MS);
    const failed = store
      .getSnapshot()
      .checks.filter((c) => !c.passed)
      .map((c) => c.id);
    expect(failed).toEqual(['question', 'broken-citations']);

    store.dispatch({
      type: 'sourceUpdated',
      id: 'b',
      fields: { ...makeSource('x'), title: 'New' },
    });
    expect(store.getSnapshot().fields.sources[0]).toMatchObject({ id: 'b', title: 'New' });
    store.dispatch({ type: 'replaced', document });
    expect(store.getSnapshot().fields.sources).toBe(document.sources);
    // A replaced document is checked at once.
    expect(store.getSnapshot().checks).toEqual(runChecks(document, defaultRatingScale));
  });
});
