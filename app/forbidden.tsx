import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>You do not have access to this page</h1>
        <p>Your role does not allow this. If you need it, ask an admin of your newsroom.</p>
        <p>
          <Link href="/desk">Back to the newsroom</Link>
        </p>
      </div>
    </main>
  );
}
