'use client';

/** What a person sees when an action is refused or fails: nothing has changed. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <section className="card" data-testid="error">
      <h1>That did not work</h1>
      <p>You may not be allowed to do that here, or something went wrong. Nothing was changed.</p>
      <button type="button" onClick={reset}>
        Back
      </button>
    </section>
  );
}
