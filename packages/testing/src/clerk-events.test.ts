import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { type BuildableClerkEventType, createClerkEvent, createClerkId } from './clerk-events';
import { createClerkWebhookRequest } from './clerk-webhook';
import { createWebhookSecret } from './webhook-secret';

/** Each event type with the id prefix of the object its `data` describes. */
const idPrefixes = {
  'user.created': 'user',
  'user.updated': 'user',
  'user.deleted': 'user',
  'user.createdAtEdge': 'user',
  'email.created': 'ema',
  'sms.created': 'sms',
  'session.created': 'sess',
  'session.ended': 'sess',
  'session.removed': 'sess',
  'session.revoked': 'sess',
  'session.pending': 'sess',
  'organization.created': 'org',
  'organization.updated': 'org',
  'organization.deleted': 'org',
  'organizationDomain.created': 'orgdmn',
  'organizationDomain.updated': 'orgdmn',
  'organizationDomain.deleted': 'orgdmn',
  'organizationMembership.created': 'orgmem',
  'organizationMembership.updated': 'orgmem',
  'organizationMembership.deleted': 'orgmem',
  'organizationInvitation.created': 'orginv',
  'organizationInvitation.accepted': 'orginv',
  'organizationInvitation.revoked': 'orginv',
  'role.created': 'role',
  'role.updated': 'role',
  'role.deleted': 'role',
  'permission.created': 'perm',
  'permission.updated': 'perm',
  'permission.deleted': 'perm',
  'waitlistEntry.created': 'wle',
  'waitlistEntry.updated': 'wle',
  'paymentAttempt.created': 'pa',
  'paymentAttempt.updated': 'pa',
  'subscription.created': 'csub',
  'subscription.updated': 'csub',
  'subscription.active': 'csub',
  'subscription.pastDue': 'csub',
  'subscriptionItem.created': 'csub_item',
  'subscriptionItem.updated': 'csub_item',
  'subscriptionItem.active': 'csub_item',
  'subscriptionItem.canceled': 'csub_item',
  'subscriptionItem.upcoming': 'csub_item',
  'subscriptionItem.ended': 'csub_item',
  'subscriptionItem.abandoned': 'csub_item',
  'subscriptionItem.incomplete': 'csub_item',
  'subscriptionItem.pastDue': 'csub_item',
  'subscriptionItem.freeTrialEnding': 'csub_item',
} satisfies Record<BuildableClerkEventType, string>;

const types = Object.keys(idPrefixes) as BuildableClerkEventType[];
const secret = createWebhookSecret();

describe('createClerkEvent', () => {
  it("covers all of Clerk's event types", () => {
    expect(types).toHaveLength(47);
  });

  it.each(types)("builds %s in Clerk's event envelope", (type) => {
    const event = createClerkEvent(type, {}, { timestamp: 1_721_316_613_833 });
    expect(event).toMatchObject({
      type,
      object: 'event',
      timestamp: 1_721_316_613_833,
      instance_id: expect.stringMatching(/^ins_/),
      event_attributes: { http_request: { client_ip: expect.any(String), user_agent: expect.any(String) } },
    });
    expect(event.data).toHaveProperty('object', expect.any(String));
    expect(event.data.id).toMatch(new RegExp(`^${idPrefixes[type]}_[A-Za-z0-9]{27}$`));
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });

  it.each(types)('signs %s into a request that svix verifies', async (type) => {
    const event = createClerkEvent(type);
    const request = await createClerkWebhookRequest(event, { secret });
    const body = await request.text();
    const headers = Object.fromEntries(request.headers.entries());
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    expect(JSON.parse(body)).toEqual(event);
  });

  it('shapes organization.created like the payload in the team task manager guide', () => {
    const { data } = createClerkEvent('organization.created', { name: 'Dev Ed', slug: 'dev-ed' });
    expect(data).toMatchObject({
      object: 'organization',
      id: expect.stringMatching(/^org_[A-Za-z0-9]{27}$/),
      name: 'Dev Ed',
      slug: 'dev-ed',
      admin_delete_enabled: true,
      has_image: false,
      max_allowed_memberships: 5,
      public_metadata: {},
      private_metadata: {},
      created_by: expect.stringMatching(/^user_/),
      created_at: expect.any(Number),
      updated_at: expect.any(Number),
    });
  });

  it('gives a user a primary email address that exists in email_addresses', () => {
    const { data } = createClerkEvent('user.created');
    expect(data.email_addresses.map((email) => email.id)).toContain(data.primary_email_address_id);
    expect(data.id).toMatch(/^user_/);
  });

  it('sends a user created at the edge as a whole user, and a pending session with its user', () => {
    const edge = createClerkEvent('user.createdAtEdge', { first_name: 'Bob' });
    expect(edge.type).toBe('user.createdAtEdge');
    expect(edge.data).toMatchObject({
      object: 'user',
      first_name: 'Bob',
      email_addresses: [expect.any(Object)],
    });

    const { data } = createClerkEvent('session.pending');
    expect(data).toMatchObject({ object: 'session', status: 'pending', user: { object: 'user' } });
    expect(data.user_id).toBe(data.user?.id);
  });

  it('gives every session event the status its type names', () => {
    expect(createClerkEvent('session.created').data.status).toBe('active');
    expect(createClerkEvent('session.ended').data.status).toBe('ended');
    expect(createClerkEvent('session.removed').data.status).toBe('removed');
    expect(createClerkEvent('session.revoked').data.status).toBe('revoked');
  });

  it('names the member and the organization in a membership event, also when it is deleted', () => {
    const { data } = createClerkEvent('organizationMembership.created', { role: 'org:manager' });
    expect(data.role).toBe('org:manager');
    expect(data.organization.object).toBe('organization');
    expect(data.public_user_data.user_id).toMatch(/^user_/);
    const left = createClerkEvent('organizationMembership.deleted').data;
    expect(left.organization.id).toMatch(/^org_/);
    expect(left.public_user_data.user_id).toMatch(/^user_/);
  });

  it.each([
    'user.deleted',
    'organization.deleted',
    'organizationDomain.deleted',
    'role.deleted',
    'permission.deleted',
  ] as const)('sends only the object and id for %s, as Clerk does', (type) => {
    const { data } = createClerkEvent(type);
    expect(data).toEqual({ object: expect.any(String), id: expect.any(String), deleted: true });
    expect(createClerkEvent(type, { id: 'gone_1' }).data.id).toBe('gone_1');
  });

  it('reports a domain as created unverified and updated once verified', () => {
    const created = createClerkEvent('organizationDomain.created').data;
    expect(created).toMatchObject({ object: 'organization_domain', name: 'example.com', verification: null });
    expect(created.organization_id).toMatch(/^org_/);
    const updated = createClerkEvent('organizationDomain.updated').data;
    expect(updated.verification).toMatchObject({ status: 'verified', strategy: 'email_code' });
  });

  it('tracks an invitation from pending to accepted (with the user) or revoked', () => {
    const invitation = createClerkEvent('organizationInvitation.created', {
      email_address: 'dave@example.com',
    });
    expect(invitation.data).toMatchObject({
      object: 'organization_invitation',
      status: 'pending',
      email_address: 'dave@example.com',
      role: 'org:member',
    });
    expect(invitation.data.expires_at).toBeGreaterThan(invitation.data.created_at);
    const accepted = createClerkEvent('organizationInvitation.accepted').data;
    expect(accepted.status).toBe('accepted');
    expect(accepted.user_id).toMatch(/^user_/);
    expect(createClerkEvent('organizationInvitation.revoked').data.status).toBe('revoked');
  });

  it('gives a role its permissions, each a permission object', () => {
    const { data } = createClerkEvent('role.created', { key: 'org:viewer', name: 'Viewer' });
    expect(data).toMatchObject({ object: 'role', key: 'org:viewer', name: 'Viewer' });
    expect(data.permissions.length).toBeGreaterThan(0);
    for (const permission of data.permissions) {
      expect(permission).toMatchObject({ object: 'permission', id: expect.stringMatching(/^perm_/) });
    }
    expect(createClerkEvent('permission.updated').data.key).toMatch(/^org:/);
  });

  it('lets a waitlisted person in with an invitation', () => {
    const joined = createClerkEvent('waitlistEntry.created').data;
    expect(joined).toMatchObject({ object: 'waitlist_entry', status: 'pending', invitation: null });
    const invited = createClerkEvent('waitlistEntry.updated').data;
    expect(invited.status).toBe('invited');
    expect(invited.invitation).toMatchObject({
      object: 'invitation',
      id: expect.stringMatching(/^inv_/),
      email_address: invited.email_address,
    });
  });

  it('queues an email and a text message Clerk would deliver', () => {
    const mail = createClerkEvent('email.created').data;
    expect(mail).toMatchObject({ object: 'email', slug: 'verification_code', delivered_by_clerk: true });
    expect(mail.subject).toContain(mail.data?.otp_code);
    const text = createClerkEvent('sms.created', { delivered_by_clerk: false }).data;
    expect(text).toMatchObject({ object: 'sms_message', delivered_by_clerk: false });
    expect(text.message).toMatch(/\d{6}/);
  });

  it('bills Alice: a payment attempt, a subscription and its items, in the instance that sent them', () => {
    const options = { instanceId: 'ins_acme' };
    const attempt = createClerkEvent('paymentAttempt.updated', {}, options).data;
    expect(attempt).toMatchObject({
      object: 'commerce_payment_attempt',
      status: 'paid',
      instance_id: 'ins_acme',
    });
    expect(attempt.payer).toMatchObject({ object: 'commerce_payer', instance_id: 'ins_acme' });
    expect(attempt.totals.grand_total.amount_formatted).toBe('$20.00');
    expect(createClerkEvent('paymentAttempt.created').data.status).toBe('pending');

    const pastDue = createClerkEvent('subscription.pastDue').data;
    expect(pastDue).toMatchObject({ object: 'commerce_subscription', status: 'past_due' });
    expect(pastDue.payer_id).toBe(pastDue.payer.id);
    expect(pastDue.items[0]).toMatchObject({ object: 'commerce_subscription_item', status: 'past_due' });

    const item = createClerkEvent('subscriptionItem.canceled').data;
    expect(item).toMatchObject({
      status: 'canceled',
      canceled_at: expect.any(Number),
      updated_at: expect.any(Number),
      plan: { slug: 'pro' },
    });
    expect(item.payer?.user_id).toMatch(/^user_/);
    expect(createClerkEvent('subscriptionItem.freeTrialEnding').data).toMatchObject({ is_free_trial: true });
  });

  it('replaces defaults with the data you pass and keeps fresh ids apart', () => {
    expect(createClerkEvent('user.created', { first_name: 'Bob' }).data.first_name).toBe('Bob');
    expect(createClerkEvent('user.created').data.id).not.toBe(createClerkEvent('user.created').data.id);
    expect(createClerkEvent('subscription.active', { status: 'canceled' }).data.status).toBe('canceled');
    expect(createClerkEvent('email.created', { to_email_address: 'bob@example.com' }).data).toMatchObject({
      to_email_address: 'bob@example.com',
      object: 'email',
    });
    expect(createClerkId('org')).toMatch(/^org_[A-Za-z0-9]{27}$/);
  });

  it('dates the data from the timestamp option', () => {
    const { data } = createClerkEvent('organization.updated', {}, { timestamp: 1_700_000_000_000 });
    expect(data.created_at).toBe(1_700_000_000_000);
  });

  it('invalid_event: a type Clerk does not send', () => {
    expect(() => createClerkEvent('user.signedUp' as never)).toThrow(
      expect.objectContaining({
        code: 'invalid_event',
        message: expect.stringMatching(
          /"user\.signedUp".*event types: user\.created, .*subscriptionItem\.freeTrialEnding\.$/,
        ),
      }),
    );
    expect(() => createClerkEvent('toString' as never)).toThrow(
      expect.objectContaining({ code: 'invalid_event' }),
    );
  });
});
