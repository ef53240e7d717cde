export const usage = `Usage: clerkship-webhooks <command> [options]

Send realistic, signed Clerk webhooks to your endpoint, the way Clerk (through Svix) sends them.

Commands:
  list                     Print every Clerk webhook event type, one per line.
  trigger <event-type>     Build a sample <event-type> event, sign it and POST it to --url.

Options of trigger:
  --url <endpoint>         Your webhook endpoint, e.g. http://localhost:3000/api/webhooks/clerk (required).
  --secret <whsec_...>     The endpoint's signing secret. Default: $CLERK_WEBHOOK_SIGNING_SECRET,
                           then $WEBHOOK_SECRET.
  --data <json>            Fields that replace the sample's data fields, e.g. '{"first_name":"Bob"}'.
  --duplicates <n>         Send the same delivery (same svix-id, same body) n more times, as Svix
                           retries do.
  --out-of-order           For a *.created or *.updated type: send an update of an object before
                           its creation (same id, later updated_at), as Svix may deliver them.
  -h, --help               Show this help.

Examples:
  clerkship-webhooks list
  clerkship-webhooks trigger user.created --url http://localhost:3000/api/webhooks/clerk
  clerkship-webhooks trigger organizationMembership.created --url http://localhost:3000/api/webhooks/clerk \\
    --data '{"role":"org:admin"}'
  clerkship-webhooks trigger user.updated --url http://localhost:3000/api/webhooks/clerk --duplicates 2
  clerkship-webhooks trigger user.updated --url http://localhost:3000/api/webhooks/clerk --out-of-order

Exit codes: 0 when every delivery was answered 2xx, 1 when one was not (or the endpoint was
unreachable), 2 for a usage error.
`;
