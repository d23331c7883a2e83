import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { safeReturnPath } from '@/lib/safe-redirect';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in — Factdesk', robots: { index: false } };

const notices: Record<string, string> = {
  'password-changed': 'Your password was changed. Sign in with the new one.',
  'signed-out': 'You are signed out.',
  'signed-out-everywhere': 'You are signed out on every device.',
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; notice?: string }>;
}) {
  const { callbackUrl, notice } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getActor()) redirect(returnTo);
  const noticeText = notice ? notices[notice] : undefined;
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">Factdesk</p>
        <h1>Sign in to the newsroom</h1>
        {noticeText && (
          <p className="notice" role="status">
            {noticeText}
          </p>
        )}
        <LoginForm callbackUrl={returnTo} />
      </div>
    </main>
  );
}
