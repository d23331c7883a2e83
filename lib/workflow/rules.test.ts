import { describe, expect, it } from 'vitest';
import {
  contributorsAfterWrite,
  nextState,
  type WorkflowAction,
  type WorkflowState,
  workflowStates,
} from './rules';

const allowed: Record<string, WorkflowState> = {
  'draft submit': 'in_review',
  'changes_requested submit': 'in_review',
  'in_review approve': 'approved',
  'in_review request_changes': 'changes_requested',
  'draft edit': 'draft',
  'in_review edit': 'draft',
  'approved edit': 'draft',
  'changes_requested edit': 'changes_requested',
};

describe('workflow state machine', () => {
  const actions: WorkflowAction[] = ['submit', 'approve', 'request_changes', 'edit'];
  for (const state of workflowStates) {
    for (const action of actions) {
      const expected = allowed[`${state} ${action}`];
      it(`${state} --${action}--> ${expected ?? 'refused'}`, () => {
        const result = nextState(state, action);
        if (expected) expect(result).toEqual({ ok: true, state: expected });
        else expect(result.ok).toBe(false);
      });
    }
  }
});

describe('two-person rule: who wrote a new version', () => {
  it('is the writer alone for a first version', () => {
    expect(contributorsAfterWrite({ actorId: 'ann', from: [] })).toEqual(['ann']);
  });

  it('carries everyone who wrote the unchecked text it builds on', () => {
    const from = [{ contributorIds: ['bob', 'cat'], approved: false }];
    expect(contributorsAfterWrite({ actorId: 'ann', from })).toEqual(['ann', 'bob', 'cat']);
  });

  it('drops the writers of an approved version: a second person checked their text', () => {
    const from = [{ contributorIds: ['bob', 'cat'], approved: true }];
    expect(contributorsAfterWrite({ actorId: 'ann', from })).toEqual(['ann']);
  });

  it('restoring unchecked text over an approved version brings its writers back', () => {
    // Version 3 by the reviewer, replaced in version 4 (approved), restored as version 5.
    const from = [
      { contributorIds: ['editor', 'reviewer'], approved: false },
      { contributorIds: ['editor', 'reviewer'], approved: true },
    ];
    expect(contributorsAfterWrite({ actorId: 'editor', from })).toEqual(['editor', 'reviewer']);
  });

  it('keeps the union when the writer was already counted', () => {
    const from = [
      { contributorIds: ['ann', 'bob'], approved: false },
      { contributorIds: ['dan'], approved: false },
    ];
    expect(contributorsAfterWrite({ actorId: 'ann', from })).toEqual(['ann', 'bob', 'dan']);
  });
});
