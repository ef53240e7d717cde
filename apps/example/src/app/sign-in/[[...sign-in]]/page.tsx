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
        <SignIn />
      </section>
    );
  }
  const { LocalSignIn } = await import('@/local/sign-in');
  const { redirect_url: redirectUrl, error } = await searchParams;
  return <LocalSignIn redirectUrl={redirectUrl} error={error} />;
}
