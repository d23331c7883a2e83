import Link from 'next/link';

export default function Unauthorized() {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Please sign in again</h1>
        <p>Your session has ended, so nothing was changed.</p>
        <p>
          <Link href="/login">Sign in</Link>
        </p>
      </div>
    </main>
  );
}
