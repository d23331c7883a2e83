import type { Metadata } from 'next';
import { requirePermission } from '@/app/_lib/guard';
import { emailsEnabled } from '@/lib/notifications/notify';
import { emailPreferences } from '@/lib/notifications/queries';
import { roleLabels } from '@/lib/users/schemas';
import { ChangePasswordForm } from './change-password-form';
import { EmailChoicesForm } from './email-choices-form';
import { SignOutEverywhereForm } from './sign-out-everywhere-form';

export const metadata: Metadata = { title: 'Account — Factdesk' };

export default async function AccountPage() {
  const actor = await requirePermission('/desk/account', 'account.changePassword');
  const chosen = await emailPreferences(actor);
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
      <section aria-labelledby="email-choices" className="panel">
        <h2 id="email-choices">Notifications by email</h2>
        <p className="hint">
          Everything is listed under <a href="/desk/notifications">Notifications</a>; tick what you
          also want by email, at {actor.email}.
        </p>
        {!emailsEnabled() && (
          <p className="notice">
            Emails are off on this installation: no mail server is configured (FACTDESK_SMTP_URL).
            Your choices are kept for when they are turned on.
          </p>
        )}
        <EmailChoicesForm chosen={chosen} />
      </section>
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
