import { benchCommand } from './commands/bench';
import { doctorCommand } from './commands/doctor';
import { memoryCommand } from './commands/memory';
import { routeCommand } from './commands/route';
import { serveCommand } from './commands/serve';
import { simCommand } from './commands/sim';
import { CliError, type CliIO, type Command } from './io';

export const commands: Command[] = [routeCommand, simCommand, serveCommand, benchCommand, memoryCommand, doctorCommand];

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Frontier SOS — control center for a team of local models on one Mac.',
    '',
    'Usage: frontier-sos <command> [flags]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `frontier-sos <command> --help` for a command's flags.",
  ].join('\n');
}

/**
 * Runs one CLI invocation and returns its exit code; errors become one clear line on stderr.
 * `available` is the command list (a test-only entry passes its own serve: tests/helpers/crash-serve.ts).
 */
export async function run(argv: string[], io: CliIO, available: readonly Command[] = commands): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = available.find((c) => c.name === name);
  try {
    if (!command) {
      throw new CliError(
        `frontier-sos: unknown command "${name}". Commands: ${available.map((c) => c.name).join(', ')}. See \`frontier-sos --help\`.`,
      );
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(`frontier-sos ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

export function processIO(): CliIO {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
    // A getter: process.stdin is only created for commands that read it.
    get stdin() {
      return process.stdin;
    },
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}
