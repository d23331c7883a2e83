/** The review workflow of a brief's working copy, as pure rules (product.md §3). */

import { briefStates } from '@/db/enums';

/** The states, as the database's enum lists them (one list); their labels are below. */
export const workflowStates = briefStates;
export type WorkflowState = (typeof workflowStates)[number];

export type WorkflowAction = 'submit' | 'approve' | 'request_changes' | 'edit';

const transitions: Record<WorkflowAction, Partial<Record<WorkflowState, WorkflowState>>> = {
  submit: { draft: 'in_review', changes_requested: 'in_review' },
  approve: { in_review: 'approved' },
  request_changes: { in_review: 'changes_requested' },
  // Any edit withdraws a review or an approval; requested changes stay requested until resubmission.
  edit: {
    draft: 'draft',
    in_review: 'draft',
    approved: 'draft',
    changes_requested: 'changes_requested',
  },
};

export const stateLabels: Record<WorkflowState, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
};

const refusals: Record<WorkflowAction, string> = {
  submit: 'Only a draft, or a brief with changes requested, can be submitted for review.',
  approve: 'Only a brief in review can be approved.',
  request_changes: 'Changes can be requested only on a brief in review.',
  edit: 'This brief cannot be edited now.',
};

/** The state after `action`, or the reason it is not allowed from `state`. */
export function nextState(
  state: WorkflowState,
  action: WorkflowAction,
): { ok: true; state: WorkflowState } | { ok: false; reason: string } {
  const next = transitions[action][state];
  return next ? { ok: true, state: next } : { ok: false, reason: refusals[action] };
}

/** A version that a new one copies text from, as the two-person rule sees it. */
export interface WrittenFrom {
  /** The people who wrote any part of that version's text that no approval has checked since. */
  contributorIds: readonly string[];
  /** An approval or re-check exists for that very content: whoever wrote it has been checked. */
  approved: boolean;
}

/**
 * Two-person rule: who wrote the text of a new version, carried on the version itself. The
 * writer, plus everyone who wrote the unchecked text of each version it copies (the one it
 * replaces, one it restores, the one the writer's copy started from). Over-counting only asks
 * for another reviewer; under-counting would let someone approve their own words.
 */
export function contributorsAfterWrite(write: {
  actorId: string;
  from: readonly WrittenFrom[];
}): string[] {
  const ids = new Set([write.actorId]);
  for (const version of write.from) {
    if (!version.approved) for (const id of version.contributorIds) ids.add(id);
  }
  return [...ids].sort();
}
