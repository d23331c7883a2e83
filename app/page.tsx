import Link from 'next/link';

export default function HomePage() {
  return (
    <main className="public-page">
      <header className="masthead">
        <p className="brand">Factdesk</p>
        <p className="tagline">Fact-check briefs, checked by a second person and dated.</p>
      </header>
      <section aria-labelledby="latest">
        <h1 id="latest">Latest briefs</h1>
        <p>No briefs have been published yet.</p>
      </section>
      <footer className="site-footer">
        <Link href="/desk">Newsroom</Link>
      </footer>
    </main>
  );
}
