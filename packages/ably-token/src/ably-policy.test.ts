import { defineAccess } from '@clerkship/rbac';
import { describe, expect, it } from 'vitest';
import { access, chatPolicy, guest, member, moderator } from './__fixtures__/chat';
import { defineAblyPolicy } from './ably-policy';
import { channelOperations } from './capability';

describe('the chat guide policy', () => {
  it('gives a member general and random to chat in, announcements only to read', () => {
    const capability = chatPolicy.capabilityFor(member);
    expect(capability).toEqual({
      'chat:general': ['history', 'message-delete-own', 'presence', 'publish', 'subscribe'],
      'chat:random': ['history', 'message-delete-own', 'presence', 'publish', 'subscribe'],
      'chat:announcements': ['history', 'presence', 'subscribe'],
    });
    expect(capability['chat:announcements']).not.toContain('publish');
    expect(Object.keys(capability)).not.toContain('*');
  });

  it('hands out one frozen capability object per tenant and grants, so its JSON is made once', () => {
    expect(chatPolicy.capabilityFor({ ...member })).toBe(
      chatPolicy.capabilityFor({ ...member, userId: 'user_carol' }),
    );
    expect(Object.isFrozen(chatPolicy.capabilityFor(member))).toBe(true);
  });

  it('gives a moderator everything (*), which absorbs the channels it covers', () => {
    expect(chatPolicy.capabilityFor(moderator)).toEqual({ '*': ['*'] });
  });

  it('gives nothing to a signed-out visitor, a guest or an unknown role (least privilege)', () => {
    expect(chatPolicy.capabilityFor(null)).toEqual({});
    expect(chatPolicy.capabilityFor(guest)).toEqual({});
    expect(chatPolicy.capabilityFor({ ...member, orgRole: 'org:hacker' })).toEqual({});
    expect(chatPolicy.tokenContentsFor(guest)).toBeNull();
    expect(chatPolicy.tokenContentsFor(null)).toBeNull();
  });

  it('puts only the moderator flag in the claims, keyed to the chat namespace', () => {
    expect(chatPolicy.tokenContentsFor(member)).toMatchObject({
      clientId: 'user_bob',
      channelClaims: { 'chat:*': { moderator: false } },
    });
    expect(chatPolicy.tokenContentsFor(moderator)?.channelClaims).toEqual({ 'chat:*': { moderator: true } });
  });
});

describe('defineAblyPolicy', () => {
  it('keeps organizations on their own channels with {tenantId}', () => {
    const tenantPolicy = defineAblyPolicy(access, {
      grants: [{ permission: 'org:chat:use', capability: { 'chat:{tenantId}:*': ['subscribe', 'publish'] } }],
    });
    expect(tenantPolicy.capabilityFor(member)).toEqual({ 'chat:org_acme:*': ['publish', 'subscribe'] });
    expect(tenantPolicy.capabilityFor({ ...member, orgId: 'org_globex' })).toEqual({
      'chat:org_globex:*': ['publish', 'subscribe'],
    });
  });

  it('lets a namespace wildcard with every operation absorb its channels, not other namespaces', () => {
    const mixed = defineAblyPolicy(access, {
      grants: [
        {
          permission: 'org:chat:use',
          capability: { 'chat:general': ['subscribe'], 'news:today': ['subscribe'] },
        },
        { permission: 'org:chat:moderate', capability: { 'chat:*': ['*'] } },
      ],
    });
    expect(mixed.capabilityFor(moderator)).toEqual({ 'chat:*': ['*'], 'news:today': ['subscribe'] });
  });

  it('grants permission-less entries to every signed-in user, and no one else', () => {
    const lobby = defineAblyPolicy(access, { grants: [{ capability: { lobby: ['subscribe'] } }] });
    expect(lobby.capabilityFor(guest)).toEqual({ lobby: ['subscribe'] });
    expect(lobby.capabilityFor(null)).toEqual({});
  });

  it('refuses an operation Ably does not know when the policy is defined', () => {
    const solo = defineAccess({
      permissions: { 'org:chat:use': {} },
      roles: { 'org:member': ['org:chat:use'] },
    });
    expect(() =>
      defineAblyPolicy(solo, {
        grants: [{ permission: 'org:chat:use', capability: { chat: ['yell' as never] } }],
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid_capability' }));
  });
});

describe('channelOperations', () => {
  it('matches channels as Ably does: exact names, `*`, and `ns:*` namespaces, every match applying', () => {
    const capability = { 'chat:acme:general': ['publish'], 'chat:acme:*': ['subscribe', 'history'] } as const;
    expect(channelOperations(capability, 'chat:acme:general')).toEqual(['history', 'publish', 'subscribe']);
    expect(channelOperations(capability, 'chat:acme:announcements')).toEqual(['history', 'subscribe']);
    expect(channelOperations(capability, 'chat:globex:general')).toEqual([]);
    expect(channelOperations({ '*': ['*'] }, 'chat:acme:general')).toEqual(['*']);
  });
});
