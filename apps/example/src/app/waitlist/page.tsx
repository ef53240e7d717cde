import { auth } from '@clerk/nextjs/server';
import { redirect } from 'next/navigation';
import { isLocalMode } from '@/lib/mode';
import { waitlist } from '@/lib/waitlist';
import { WaitingRoom } from './waiting-room';

export default async function WaitlistPage() {
  const { status } = waitlist.inspect(await auth());
  if (status === 'signed_out') redirect('/sign-in?redirect_url=/waitlist');
  if (status !== 'waitlisted') redirect('/');
  return (
    <section className="card" data-testid="waitlist">
      <h1>You are on the beta waitlist</h1>
      <p>Thanks for signing up. Team Tasks is in private beta; an admin lets people in.</p>
      <WaitingRoom
        {...(isLocalMode() ? { refresh: (await import('@/local/session')).refreshLocalSession } : {})}
      />
    </section>
  );
}
