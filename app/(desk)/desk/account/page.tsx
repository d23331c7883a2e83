import type { Metadata } from 'next';
import { requirePermission } from '@/app/_lib/guard';
import { roleLabels } from '@/lib/users/schemas';
import { ChangePasswordForm } from './change-password-form';
import { SignOutEverywhereForm } from './sign-out-everywhere-form';

export const metadata: Metadata = { title: 'Account — Factdesk' };

export default async function AccountPage() {
  const actor = await requirePermission('/desk/account', 'account.changePassword');
  return (
    <main className="desk-page narrow">
      <h1>Your account</h1>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{actor.name}</dd>
        <dt>Email</dt>
        <dd>{actor.email}</dd>
        <dt>Role</dt>
        <dd>{roleLabels[actor.role]}</dd>
      </dl>
      <section aria-labelledby="change-password" className="panel">
        <h2 id="change-password">Change your password</h2>
        <p className="hint">This signs you out everywhere; then sign in with the new password.</p>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="sessions" className="panel">
        <h2 id="sessions">Your sessions</h2>
        <p className="hint">
          Lost a device, or signed in on a shared computer? This ends every session of yours, this
          one included.
        </p>
        <SignOutEverywhereForm />
      </section>
    </main>
  );
}
