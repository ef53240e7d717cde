import { channelOperations } from '@clerkship/ably-token';
import { access } from '@/lib/access';
import { channels, chatPolicy } from '@/lib/chat-policy';
import { guard } from '@/lib/guard';
import { isLocalMode } from '@/lib/mode';
import { waitlist } from '@/lib/waitlist';

export default async function ChatPage() {
  const session = await guard.page(waitlist.approved, access.permission('org:chat:use'));
  const capability = chatPolicy.capabilityFor(session);
  const connected = Boolean(process.env.ABLY_API_KEY) && !isLocalMode();

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
          const name = `chat:${session.tenantId}:${channel.name}`;
          const operations = channelOperations(capability, name);
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
