import { SignIn } from '@clerk/nextjs';
import { isLocalMode } from '@/lib/local-mode';
import { signInAsPersona } from '@/lib/local-session';
import { personas } from '@/lib/personas';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ redirect_url?: string }>;
}) {
  if (!isLocalMode()) {
    return (
      <section className="card">
        <SignIn />
      </section>
    );
  }
  const { redirect_url: redirectUrl = '/' } = await searchParams;
  return (
    <section className="card">
      <h1>Sign in (local mode)</h1>
      <p>
        No Clerk keys are configured, so this app signs session tokens with a local key pair. Pick who you
        want to be.
      </p>
      <form action={signInAsPersona} className="personas">
        <input type="hidden" name="redirect_url" value={redirectUrl} />
        {personas.map((persona) => (
          <button key={persona.key} type="submit" name="persona" value={persona.key}>
            <strong>{persona.name}</strong>
            <span>{persona.description}</span>
          </button>
        ))}
      </form>
    </section>
  );
}
