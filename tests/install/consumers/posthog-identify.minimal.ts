// @clerkship/posthog-identify without any peer: the core and the server helpers.
import { type PostHogClient, syncIdentity } from '@clerkship/posthog-identify';
import { identifyClerkUser, type PostHogServerClient } from '@clerkship/posthog-identify/server';

const calls: string[] = [];
const properties: Record<string, unknown> = {};
const browser = {
  identify: (id: string) => {
    calls.push(`identify ${id}`);
    properties.$user_state = 'identified';
  },
  reset: () => calls.push('reset'),
  get_distinct_id: () => 'anonymous',
  get_property: (name: string) => properties[name],
  setPersonProperties: () => {},
  group: () => {},
  resetGroups: () => {},
} as unknown as PostHogClient;
if (syncIdentity(browser, { isLoaded: true, userId: 'user_ada' }) !== 'identified')
  throw new Error('not identified');

const server: PostHogServerClient = {
  identify: ({ distinctId }) => void calls.push(`server ${distinctId}`),
  groupIdentify: () => {},
  flush: async () => {},
};
// A user from a webhook or the Backend API: Clerk's UserJSON, without @clerk/backend installed.
type User = Parameters<typeof identifyClerkUser>[1];
// @ts-expect-error: a partial user is not a UserJSON (were the types `any`, this would compile)
const partial: User = { id: 'user_ada' };
void partial;
await identifyClerkUser(server, {
  id: 'user_ada',
  email_addresses: [{ id: 'idn_1', email_address: 'ada@example.com' }],
  primary_email_address_id: 'idn_1',
  first_name: 'Ada',
} as unknown as User);
if (calls.join() !== 'identify user_ada,server user_ada') throw new Error(calls.join());
console.info('ok');
