import Link from "next/link";

/** A full-page message (404, 403, error) inside the site chrome. */
export function MessagePage({ title, text, homeLabel }: { title: string; text: string; homeLabel: string }) {
  return (
    <main id="main" className="narrow">
      <div className="card">
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <Link href="/">{homeLabel}</Link>
        </p>
      </div>
    </main>
  );
}
