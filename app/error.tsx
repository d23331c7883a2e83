'use client';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Something went wrong</h1>
        <p>
          The problem was logged on our side. Try again; if it keeps happening, tell your admin.
        </p>
        <button type="button" className="button primary" onClick={reset}>
          Try again
        </button>
      </div>
    </main>
  );
}
