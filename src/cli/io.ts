/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves when the user asks a long-running command to stop (Ctrl-C). */
  untilStopped(): Promise<void>;
  /** Standard input, for commands that read data (`route`); absent where there is none. */
  stdin?: NodeJS.ReadableStream;
}

/** A failure the user can act on: printed as one message on stderr with this exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}
