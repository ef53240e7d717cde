import { clerkSecretVariables, isSvixSecret } from '../signing-secrets';
import { CliError } from './cli-error';

/**
 * The endpoint's signing secret: `--secret`, else `CLERK_WEBHOOK_SIGNING_SECRET` (the name Clerk's
 * `verifyWebhook` reads), else `WEBHOOK_SECRET` (the name in Clerk's older guides).
 */
export function cliSecret(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  let source = '--secret';
  let secret = flag;
  for (const name of clerkSecretVariables) {
    if (secret !== undefined) break;
    if (env[name]) {
      source = name;
      secret = env[name];
    }
  }
  if (secret === undefined) {
    throw new CliError(
      'missing_secret',
      'no signing secret. Pass --secret whsec_..., or set CLERK_WEBHOOK_SIGNING_SECRET to the secret your handler verifies with (Clerk Dashboard > Webhooks > your endpoint > Signing Secret).',
    );
  }
  // Svix secrets are `whsec_` and the base64 of the key; the secret itself is never echoed.
  if (!isSvixSecret(secret)) {
    throw new CliError(
      'invalid_secret',
      `${source} is not a Clerk signing secret (\`whsec_\` followed by base64). Copy the endpoint's Signing Secret from the Clerk Dashboard (Webhooks > your endpoint), the same one your handler verifies with.`,
    );
  }
  return secret.trim();
}
