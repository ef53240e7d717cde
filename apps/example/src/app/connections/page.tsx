import { callbackErrorParameter } from '@clerkship/oauth-callback';
import { z } from 'zod';
import { readConnection } from '@/lib/connections';
import { guard } from '@/lib/guard';
import { isLocalMode } from '@/lib/mode';

const refusals: Record<string, string> = {
  token_in_callback: 'The provider sent a token to the callback, which this app never asks for: refused.',
  state_mismatch: 'This connection was not started from this browser (or it expired): start again.',
  issuer_mismatch: 'The answer came from another provider than the one you were sent to: refused.',
  provider_error: 'GitHub did not connect (declined, or an error on its side).',
  invalid_callback: 'The provider sent an answer without a code: refused.',
};

/** An error code as the callback's redirect carries it (`state_mismatch`, `token_in_callback`…). */
const errorCode = z.string().regex(/^[a-z_]{1,64}$/);

export default async function ConnectionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await guard.page();
  const query = await searchParams;
  // The error code the callback redirected with; anything else in the URL is not echoed on the page.
  const refused = errorCode.safeParse(query[callbackErrorParameter]).data;
  const connection = await readConnection(session.userId);

  return (
    <section className="card" data-testid="connections">
      <h1>Connections</h1>
      <p>
        Connect a GitHub account to your Team Tasks profile: an OAuth flow of the app&apos;s own, beside
        Clerk, with a fragment-safe callback (<code>@clerkship/oauth-callback</code>).
        {isLocalMode() ? ' In local mode, a local provider stands in for GitHub.' : ''}
      </p>
      {refused ? (
        <p className="refusal" role="alert" data-testid="refusal" data-code={refused}>
          {refusals[refused] ?? "The provider's answer was refused."}
        </p>
      ) : null}
      {query.unconfigured ? (
        <p className="refusal" role="alert">
          No GitHub app is configured: set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET.
        </p>
      ) : null}
      {connection ? (
        <p data-testid="github-connection">
          GitHub: connected as <strong>{connection.login}</strong>
        </p>
      ) : (
        <p data-testid="github-connection">GitHub: not connected</p>
      )}
      <p>
        <a className="button" href="/api/connections/github" data-testid="connect-github">
          {connection ? 'Reconnect GitHub' : 'Connect GitHub'}
        </a>
      </p>
    </section>
  );
}
