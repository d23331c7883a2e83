/**
 * The values of the database's enum types, as plain constants: the schema builds its enums from
 * them, and lib's pure modules (roles, workflow states and their labels) import them from here
 * without loading drizzle. One list each.
 */
export const userRoles = ['editor', 'reviewer', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];
export const briefStates = ['draft', 'in_review', 'changes_requested', 'approved'] as const;
export const versionKinds = ['autosave', 'save', 'restore', 'import'] as const;
export const approvalKinds = ['approval', 'recheck'] as const;
export const correctionKinds = ['correction', 'clarification', 'update'] as const;
/** A capture of a source's address: waiting for the capture worker, taken, or failed (and why). */
export const captureStates = ['pending', 'captured', 'failed'] as const;
export type CaptureState = (typeof captureStates)[number];
/** A request to the archive service for a copy of a cited address: waiting, made, or failed. */
export const archiveStates = ['pending', 'archived', 'failed'] as const;
export type ArchiveState = (typeof archiveStates)[number];
