import { parseArgs } from 'node:util';
import { closestMatch } from '../closest-match';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';
import { listCommand } from './list-command';
import { triggerCommand } from './trigger-command';
import { usage } from './usage';

const commands = ['list', 'trigger', 'help'] as const;

/** `node:util` parseArgs reports bad options as TypeErrors with an `ERR_PARSE_ARGS_*` code. */
function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_');
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) {
    io.stderr.write(usage);
    return 2;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(usage);
    return 0;
  }
  if (command === 'list') {
    const { values } = parseArgs({ args, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      io.stdout.write(usage);
      return 0;
    }
    return listCommand(io);
  }
  if (command === 'trigger') return triggerCommand(args, io);
  const suggestion = command.startsWith('-') ? undefined : closestMatch(command, commands);
  throw new CliError(
    'unknown_command',
    `unknown command "${command}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Commands: list, trigger. Run \`clerkship-webhooks --help\` for usage.`,
  );
}

/**
 * Runs `clerkship-webhooks` with its arguments (without `node` and the script) and returns the exit
 * code: 0 when every delivery was answered 2xx, 1 when one was not, 2 for a usage error. Errors are
 * reported on `io.stderr`, never thrown.
 *
 * @example
 * process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, fetch });
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    let reported = error;
    if (isParseArgsError(error)) {
      const [problem = error.message] = error.message.split('. ');
      reported = new CliError(
        'invalid_option',
        `${problem.charAt(0).toLowerCase()}${problem.slice(1)}. Run \`clerkship-webhooks --help\` for the options.`,
        { cause: error },
      );
    }
    if (reported instanceof CliError) {
      io.stderr.write(`${reported.message}\n`);
      return reported.exitCode;
    }
    io.stderr.write(
      `clerkship-webhooks: unexpected error: ${error instanceof Error ? error.message : String(error)}. Please report it with the command you ran.\n`,
    );
    return 1;
  }
}
