import type { EmailJSON, SMSMessageJSON } from '@clerk/backend';
import { createClerkId } from './clerk-id';
import type { EventContext } from './event-context';

function oneTimeCode(): string {
  return String(crypto.getRandomValues(new Uint32Array(1))[0] ?? 0)
    .padStart(6, '0')
    .slice(-6);
}

/**
 * `email.created`: the verification-code email Clerk queued for Alice. Apps that send Clerk's emails
 * themselves (`delivered_by_clerk: false`) read `to_email_address`, `subject`, `body` and `data`.
 */
export function email(_context: EventContext): EmailJSON {
  const code = oneTimeCode();
  return {
    object: 'email',
    id: createClerkId('ema'),
    slug: 'verification_code',
    from_email_name: 'notifications',
    to_email_address: 'alice@example.com',
    email_address_id: createClerkId('idn'),
    user_id: createClerkId('user'),
    subject: `${code} is your verification code`,
    body: `<html><body><h1>Verification code</h1><p>Enter this code when prompted: <b>${code}</b></p></body></html>`,
    body_plain: `${code} is your verification code for Team Tasks. Do not share it with anyone.`,
    status: 'queued',
    data: {
      app: {
        name: 'Team Tasks',
        url: 'https://accounts.example.com',
        domain_name: 'example.com',
        logo_url: null,
      },
      otp_code: code,
      requested_by: 'Chrome, Linux',
      user: { public_metadata: {} },
    },
    delivered_by_clerk: true,
  };
}

/** `sms.created`: the verification-code text Clerk queued for Alice's phone. */
export function sms(_context: EventContext): SMSMessageJSON {
  const code = oneTimeCode();
  return {
    object: 'sms_message',
    id: createClerkId('sms'),
    slug: 'verification_code',
    // 555-01xx numbers are reserved for fiction.
    from_phone_number: '+15555550100',
    to_phone_number: '+15555550123',
    phone_number_id: createClerkId('idn'),
    user_id: createClerkId('user'),
    message: `${code} is your verification code for Team Tasks.`,
    status: 'queued',
    data: { otp_code: code, app: { name: 'Team Tasks' } },
    delivered_by_clerk: true,
  };
}
