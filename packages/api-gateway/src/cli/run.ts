import { parseArgs } from 'node:util';
import { checkJwtAuthorizerToken } from '../jwt-authorizer-check';

/** Where the CLI writes and reads: `process` in production, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  readStdin: () => Promise<string>;
}

const usage = `Usage: clerkship-api-gateway check-token --issuer <Frontend API URL> --audience <aud> [token]

Says whether a Clerk session token would pass an API Gateway HTTP API JWT authorizer configured with
this Issuer URL and Audience. The token is read from stdin when not given (so it stays out of your
shell history): pbpaste | clerkship-api-gateway check-token --issuer https://clerk.example.com --audience ClerkJwtAuthorizer

Exit codes: 0 passes, 1 would be refused, 2 bad usage.
`;

/** Runs the CLI and resolves to its exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<0 | 1 | 2> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr.write(`clerkship-api-gateway: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const [command, tokenArgument] = positionals;
  if (command !== 'check-token' || !values.issuer || !values.audience?.length) {
    io.stderr.write(
      `clerkship-api-gateway: ${command === 'check-token' ? 'check-token needs --issuer and --audience' : `unknown command ${JSON.stringify(command ?? '')}`}. See the usage below.\n\n${usage}`,
    );
    return 2;
  }
  const token = (tokenArgument ?? (await io.readStdin())).trim();
  if (!token) {
    io.stderr.write('clerkship-api-gateway: no token given. Pass it as an argument or on stdin.\n');
    return 2;
  }
  const check = checkJwtAuthorizerToken(token, { issuer: values.issuer, audience: values.audience });
  if (check.passes) {
    io.stdout.write('passes: the JWT authorizer would accept this token (AWS still checks its signature).\n');
    return 0;
  }
  io.stdout.write(
    `refused:\n${check.problems.map((problem) => `  - ${problem.code}: ${problem.message}\n`).join('')}`,
  );
  if (check.sessionTokenTemplate) {
    io.stdout.write(
      `\nAdd to the session token template (Clerk Dashboard, Sessions, Customize session token):\n${check.sessionTokenTemplate}\n`,
    );
  }
  return 1;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      issuer: { type: 'string' },
      audience: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
