import { personas } from './personas';
import { safeRedirectPath } from './redirect-path';
import { signInAsPersona, signUpAsNewUser } from './session';

/** Local mode's sign-in: pick a persona; the server signs its session token with the local keys. */
export function LocalSignIn({
  redirectUrl,
  error,
}: {
  redirectUrl: string | undefined;
  error: string | undefined;
}) {
  return (
    <section className="card">
      <h1>Sign in (local mode)</h1>
      <p>
        No Clerk keys are configured, so this app signs session tokens with a local key pair. Pick who you
        want to be.
      </p>
      {error === 'unknown_persona' ? (
        <p className="refusal" role="alert" data-testid="refusal">
          There is no such persona. Pick one of the list.
        </p>
      ) : null}
      <form action={signInAsPersona} className="personas">
        <input type="hidden" name="redirect_url" value={safeRedirectPath(redirectUrl)} />
        {personas.map((persona) => (
          <button key={persona.key} type="submit" name="persona" value={persona.key}>
            <strong>{persona.name}</strong>
            <span>{persona.description}</span>
          </button>
        ))}
      </form>
      <form action={signUpAsNewUser} className="personas">
        <button type="submit" data-testid="sign-up">
          <strong>New user (sign up)</strong>
          <span>A fresh account with no organization: choose a plan and pay on the Stripe fake</span>
        </button>
      </form>
    </section>
  );
}
