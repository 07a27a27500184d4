"use client";

/** Last resort when the root layout itself fails: no catalogue is available, so both languages. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="it">
      <body>
        <main id="main" style={{ maxWidth: "32rem", margin: "3rem auto", fontFamily: "system-ui, sans-serif" }}>
          <h1>Si è verificato un errore</h1>
          <p lang="en">Something went wrong.</p>
          <button type="button" onClick={() => reset()}>
            Riprova / Try again
          </button>
        </main>
      </body>
    </html>
  );
}
