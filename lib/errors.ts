/** Expected failures of the domain; the HTTP boundary turns them into messages or statuses. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {}
export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to do that.') {
    super(message);
  }
}
export class ConflictError extends DomainError {}
export class InvalidError extends DomainError {}

/** What a person is told when the database itself failed (db/errors.ts says which way). */
export const databaseTroubleMessages = {
  unavailable: 'The database is unavailable right now.',
  'read-only': 'The database accepts no changes right now (it is read-only).',
} as const;
