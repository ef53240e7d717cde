/** A hand-edited admin link, or a visitor who is not an admin: nothing to see here. */
export default function AdminNotFound() {
  return (
    <section className="card" data-testid="admin-not-found">
      <h1>Not found</h1>
      <p>
        This page does not exist, or the link is not valid. <a href="/admin">Start from the first page.</a>
      </p>
    </section>
  );
}
