import { describe, expect, it } from 'vitest';
import { type BuildableClerkEventType, createClerkEvent, createClerkId } from './clerk-events';

const types: BuildableClerkEventType[] = [
  'user.created',
  'user.updated',
  'user.deleted',
  'organization.created',
  'organization.updated',
  'organization.deleted',
  'organizationMembership.created',
  'organizationMembership.updated',
  'organizationMembership.deleted',
  'session.created',
  'session.ended',
  'session.removed',
  'session.revoked',
];

describe('createClerkEvent', () => {
  it.each(types)("builds %s in Clerk's event envelope", (type) => {
    const event = createClerkEvent(type, {}, { timestamp: 1_721_316_613_833 });
    expect(event).toMatchObject({
      type,
      object: 'event',
      timestamp: 1_721_316_613_833,
      instance_id: expect.stringMatching(/^ins_/),
      event_attributes: { http_request: { client_ip: expect.any(String), user_agent: expect.any(String) } },
    });
    expect(event.data).toHaveProperty('object');
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
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

  it('names the member and the organization in a membership event', () => {
    const { data } = createClerkEvent('organizationMembership.created', { role: 'org:manager' });
    expect(data.role).toBe('org:manager');
    expect(data.organization.object).toBe('organization');
    expect(data.public_user_data.user_id).toMatch(/^user_/);
  });

  it('sends only the id for deletions, as Clerk does', () => {
    const { data } = createClerkEvent('user.deleted', { id: 'user_gone' });
    expect(data).toEqual({ object: 'user', id: 'user_gone', deleted: true });
  });

  it('replaces defaults with the data you pass and keeps fresh ids apart', () => {
    expect(createClerkEvent('user.created', { first_name: 'Bob' }).data.first_name).toBe('Bob');
    expect(createClerkEvent('user.created').data.id).not.toBe(createClerkEvent('user.created').data.id);
    expect(createClerkId('org')).toMatch(/^org_[A-Za-z0-9]{27}$/);
  });

  it('invalid_event: a type it has no builder for', () => {
    expect(() => createClerkEvent('email.created' as never)).toThrow(
      expect.objectContaining({
        code: 'invalid_event',
        message: expect.stringContaining('Supported: user.created'),
      }),
    );
  });
});
