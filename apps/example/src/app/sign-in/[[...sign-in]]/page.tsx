import { SignIn } from '@clerk/nextjs';
import { isLocalMode } from '@/lib/mode';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ redirect_url?: string; error?: string }>;
}) {
  if (!isLocalMode()) {
    return (
      <section className="card">
        {/* A new user continues with the hybrid sign-up: plan, seats, Stripe Checkout. */}
        <SignIn signUpForceRedirectUrl="/plan" />
      </section>
    );
  }
  const { LocalSignIn } = await import('@/local/sign-in');
  const { redirect_url: redirectUrl, error } = await searchParams;
  return <LocalSignIn redirectUrl={redirectUrl} error={error} />;
}
