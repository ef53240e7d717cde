import { createClerkEvent } from '@clerkship/testing';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';
import { createdAndUpdated, pairedResource } from './out-of-order';
import { type DeliveryAnswer, send, signDelivery } from './send-signed-message';
import { parseTriggerOptions, type TriggerOptions } from './trigger-options';
import { usage } from './usage';

const shownBodyLength = 500;

function shown(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text === '') return '(empty body)';
  return text.length > shownBodyLength
    ? `${text.slice(0, shownBodyLength)}… (${text.length} characters)`
    : text;
}

function status(answer: DeliveryAnswer): string {
  return `${answer.status} ${answer.statusText}`.trim();
}

/** What the developer should look at, given the first answer that was not a 2xx. */
function advice(answer: DeliveryAnswer): string {
  if (answer.status >= 300 && answer.status < 400) {
    return `It redirected${answer.location ? ` to ${answer.location}` : ''}: your middleware (proxy) probably protects the webhook route. Make the route public; Clerk's requests carry no session.`;
  }
  if (answer.status >= 500) {
    return "Your handler failed, and Clerk would retry the delivery. Look at your dev server's log.";
  }
  return 'Your handler refused the delivery: check that it verifies the raw body with the same signing secret (--secret, CLERK_WEBHOOK_SIGNING_SECRET or WEBHOOK_SECRET) and that your middleware does not protect the route.';
}

function events(options: TriggerOptions): { type: string; data: { id?: unknown } }[] {
  const resource = options.outOfOrder ? pairedResource(options.type) : undefined;
  if (resource === undefined) return [createClerkEvent(options.type, options.data as never)];
  const { created, updated } = createdAndUpdated(resource, options.data);
  return [updated, created];
}

/** `clerkship-webhooks trigger <event-type> --url ...`: build, sign, send, report. */
export async function triggerCommand(args: string[], io: CliIo): Promise<number> {
  const options = parseTriggerOptions(args, io.env);
  if (options === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  const toSend = events(options);
  const deliveries = await Promise.all(
    toSend.map((event) => signDelivery(event, options.url, options.secret)),
  );

  const subject = `${String(toSend[0]?.data.id)}`;
  const order = options.outOfOrder
    ? `${toSend[0]?.type} before ${toSend[1]?.type} of ${subject}`
    : `${options.type} (${subject})`;
  const copies = options.duplicates > 0 ? `, each ${options.duplicates + 1} times` : '';
  io.stdout.write(`Sending ${order} to ${options.url.href}${copies}\n`);

  const failures: { type: string; answer: DeliveryAnswer }[] = [];
  let sent = 0;
  for (const delivery of deliveries) {
    for (let copy = 0; copy <= options.duplicates; copy++) {
      const answer = await send(delivery, io);
      sent++;
      const label = `${delivery.type} ${delivery.id}${copy > 0 ? ` (duplicate ${copy})` : ''}`;
      io.stdout.write(`  ${sent}. ${label} -> ${status(answer)}  ${shown(answer.body)}\n`);
      if (answer.status < 200 || answer.status > 299) failures.push({ type: delivery.type, answer });
    }
  }

  const [first] = failures;
  if (first) {
    throw new CliError(
      'delivery_failed',
      `${failures.length} of ${sent} deliveries got no 2xx answer; the first, ${first.type}, got ${status(first.answer)}: ${shown(first.answer.body)}. ${advice(first.answer)}`,
    );
  }
  return 0;
}
