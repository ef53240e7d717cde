import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { createClerkEvent } from './clerk-events';
import { createClerkWebhookRequest } from './clerk-webhook';
import { TestingError } from './errors';
import { createWebhookSecret } from './webhook-secret';

const secret = createWebhookSecret();

function headersOf(request: Request): Record<string, string> {
  return Object.fromEntries(request.headers.entries());
}

describe('createClerkWebhookRequest', () => {
  it("is verified by svix's own Webhook.verify and carries the event as its body", async () => {
    const event = createClerkEvent('user.created', { id: 'user_alice' });
    const request = await createClerkWebhookRequest(event, { secret });
    expect(request.method).toBe('POST');
    expect(request.headers.get('svix-id')).toMatch(/^msg_/);
    const body = await request.text();
    expect(() => new Webhook(secret).verify(body, headersOf(request))).not.toThrow();
    expect(JSON.parse(body)).toEqual(event);
  });

  it('signs with the Standard Webhooks header names when asked', async () => {
    const request = await createClerkWebhookRequest(createClerkEvent('organization.created'), {
      secret,
      headerPrefix: 'webhook',
    });
    expect(request.headers.get('svix-id')).toBeNull();
    expect(request.headers.get('webhook-signature')).toMatch(/^v1,/);
    expect(() => new Webhook(secret).verify('{}', headersOf(request))).toThrow(/signature/i);
    const body = await request.text();
    expect(() => new Webhook(secret).verify(body, headersOf(request))).not.toThrow();
  });

  it('keeps a delivery id and timestamp you give it, as a Svix retry would', async () => {
    const timestamp = new Date();
    const event = createClerkEvent('user.deleted');
    const first = await createClerkWebhookRequest(event, { secret, id: 'msg_retry', timestamp });
    const retry = await createClerkWebhookRequest(event, { secret, id: 'msg_retry', timestamp });
    expect(retry.headers.get('svix-id')).toBe('msg_retry');
    expect(retry.headers.get('svix-signature')).toBe(first.headers.get('svix-signature'));
  });

  it('is refused by svix when the body is changed after signing', async () => {
    const request = await createClerkWebhookRequest(createClerkEvent('user.updated'), { secret });
    const forged = (await request.text()).replace('Alice', 'Mallory');
    expect(() => new Webhook(secret).verify(forged, headersOf(request))).toThrow(/signature/i);
  });

  it('is refused by svix when signed with another secret or more than 5 minutes ago', async () => {
    const event = createClerkEvent('session.created');
    const other = await createClerkWebhookRequest(event, { secret: createWebhookSecret() });
    expect(() => new Webhook(secret).verify(JSON.stringify(event), headersOf(other))).toThrow();
    const old = await createClerkWebhookRequest(event, {
      secret,
      timestamp: new Date(Date.now() - 6 * 60_000),
    });
    expect(() => new Webhook(secret).verify(JSON.stringify(event), headersOf(old))).toThrow(/too old/i);
  });

  it('sends a string body byte for byte', async () => {
    const body = '{"type":"user.created",  "data":{"id":"user_spaced"}}';
    const request = await createClerkWebhookRequest(body, { secret });
    expect(await request.text()).toBe(body);
  });

  it('invalid_webhook_secret: a secret that is not whsec_<base64>', async () => {
    const error = await createClerkWebhookRequest({}, { secret: 'hunter2' }).catch(
      (caught: unknown) => caught,
    );
    expect(TestingError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_webhook_secret' });
    expect(String((error as Error).message)).not.toContain('hunter2');
  });

  it('invalid_event: a body that is not JSON-serialisable', async () => {
    await expect(createClerkWebhookRequest(undefined as never, { secret })).rejects.toMatchObject({
      code: 'invalid_event',
    });
  });
});
