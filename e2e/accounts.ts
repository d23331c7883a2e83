/** People created for the end-to-end run by `npm run users` (scripts/test.ts) before it starts. */
export const E2E_PASSWORD = 'e2e-password-long-enough';

export const e2eAccounts = {
  admin: { name: 'Ada Admin', email: 'e2e-admin@example.org', role: 'admin' },
  editor: { name: 'Eli Editor', email: 'e2e-editor@example.org', role: 'editor' },
  reviewer: { name: 'Rae Reviewer', email: 'e2e-reviewer@example.org', role: 'reviewer' },
} as const;

export type E2eRole = keyof typeof e2eAccounts;
