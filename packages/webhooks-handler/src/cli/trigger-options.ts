import { parseArgs } from 'node:util';
import { type ClerkWebhookEventType, clerkEventTypes } from '@clerkship/internal';
import { closestMatch } from '../closest-match';
import { CliError } from './cli-error';
import { cliSecret } from './cli-secret';
import { pairedResource } from './out-of-order';

/** What `clerkship-webhooks trigger` was asked to do, checked. */
export interface TriggerOptions {
  type: ClerkWebhookEventType;
  url: URL;
  secret: string;
  /** Shallow replacements for the sample's `data` fields. */
  data: Record<string, unknown>;
  /** Extra sends of each delivery with the same svix-id and body. */
  duplicates: number;
  outOfOrder: boolean;
}

/** Svix retries a message at most 8 times; more copies than that test nothing new. */
const maxDuplicates = 100;

function isEventType(value: string): value is ClerkWebhookEventType {
  return (clerkEventTypes as readonly string[]).includes(value);
}

function eventType(positionals: string[]): ClerkWebhookEventType {
  const [type, ...extra] = positionals;
  if (type === undefined) {
    throw new CliError(
      'invalid_option',
      'trigger needs an event type. Run `clerkship-webhooks list` to see them, e.g. `clerkship-webhooks trigger user.created --url ...`.',
    );
  }
  if (extra.length > 0) {
    throw new CliError(
      'invalid_option',
      `trigger takes one event type, got also "${extra.join(' ')}". Quote --data's JSON so the shell passes it as one argument.`,
    );
  }
  if (isEventType(type)) return type;
  const suggestion = closestMatch(type, clerkEventTypes);
  throw new CliError(
    'unknown_event_type',
    `unknown event type "${type}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Run \`clerkship-webhooks list\` to see all ${clerkEventTypes.length}.`,
  );
}

function endpoint(value: string | undefined): URL {
  if (value === undefined) {
    throw new CliError(
      'invalid_option',
      'missing --url. Pass your webhook endpoint, e.g. --url http://localhost:3000/api/webhooks/clerk.',
    );
  }
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new CliError(
      'invalid_option',
      `--url "${value}" is not an http(s) URL. Pass the full address, e.g. --url http://localhost:3000/api/webhooks/clerk.`,
    );
  }
  return url;
}

function dataOverrides(value: string | undefined): Record<string, unknown> {
  if (value === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new CliError(
      'invalid_option',
      `--data is not valid JSON (${(error as Error).message}). Pass an object of data fields in single quotes, e.g. --data '{"first_name":"Bob"}'.`,
      { cause: error },
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError(
      'invalid_option',
      `--data must be a JSON object of data fields, got ${Array.isArray(parsed) ? 'an array' : String(parsed)}. For example --data '{"first_name":"Bob"}'.`,
    );
  }
  return parsed as Record<string, unknown>;
}

function duplicateCount(value: string | undefined): number {
  if (value === undefined) return 0;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count > maxDuplicates) {
    throw new CliError(
      'invalid_option',
      `--duplicates "${value}" is not a whole number from 0 to ${maxDuplicates}. Pass how many extra copies to send, e.g. --duplicates 2.`,
    );
  }
  return count;
}

/** Reads `trigger`'s arguments (everything after the word `trigger`) or throws a CliError. */
export function parseTriggerOptions(
  args: string[],
  env: Readonly<Record<string, string | undefined>>,
): TriggerOptions | 'help' {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      secret: { type: 'string' },
      data: { type: 'string' },
      duplicates: { type: 'string' },
      'out-of-order': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const type = eventType(positionals);
  const outOfOrder = values['out-of-order'] ?? false;
  if (outOfOrder && pairedResource(type) === undefined) {
    throw new CliError(
      'invalid_option',
      `--out-of-order needs a *.created or *.updated type of an object Clerk sends both for, not "${type}". For example \`trigger user.updated --out-of-order\`.`,
    );
  }
  return {
    type,
    url: endpoint(values.url),
    secret: cliSecret(values.secret, env),
    data: dataOverrides(values.data),
    duplicates: duplicateCount(values.duplicates),
    outOfOrder,
  };
}
