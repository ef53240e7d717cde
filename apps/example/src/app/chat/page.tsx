import { channels, chatPolicy } from '@/lib/chat-policy';
import { guards } from '@/lib/guards';
import { betaGuards } from '@/lib/waitlist';

function operationsOn(capability: Record<string, readonly string[]>, channel: string): readonly string[] {
  // The most specific entry wins in Ably; here an exact name, else the workspace wildcard.
  const wildcard = `${channel.split(':').slice(0, 2).join(':')}:*`;
  return capability[channel] ?? capability[wildcard] ?? [];
}

export default async function ChatPage() {
  await betaGuards.page();
  const { auth, ownerId } = await guards.page('org:chat:use');
  const capability = chatPolicy.capabilityFor(auth);
  const connected = Boolean(process.env.ABLY_API_KEY) && !process.env.CLERKSHIP_LOCAL_MODE_ACTIVE;

  return (
    <section className="card">
      <h1>Chat</h1>
      <p>
        {connected
          ? 'Clients connect with new Realtime({ authUrl: "/api/ably" }).'
          : 'Local mode: no Ably service here. This is what /api/ably puts in your token.'}
      </p>
      <ul className="channels" data-testid="channels">
        {channels.map((channel) => {
          const name = `chat:${ownerId}:${channel.name}`;
          const operations = operationsOn(capability, name);
          const canPost = operations.includes('publish') || operations.includes('*');
          return (
            <li
              key={channel.name}
              data-testid={`channel-${channel.name}`}
              data-locked={canPost ? 'false' : 'true'}
            >
              <strong>#{channel.name}</strong> <span>{channel.description}</span>
              <span className={canPost ? 'open' : 'locked'}>{canPost ? 'open' : 'locked: read only'}</span>
            </li>
          );
        })}
      </ul>
      <h2>Your token's capability</h2>
      <pre data-testid="capability">{JSON.stringify(capability, null, 2)}</pre>
    </section>
  );
}
