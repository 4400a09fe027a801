import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/**
 * How probes reach the OS. Injected so parsers and probes are tested on recorded output without
 * a Mac; the real ones run the command without a shell and read files as text.
 */
export type CommandRunner = (file: string, args: readonly string[]) => Promise<string>;
/** Resolves to null when the file does not exist or cannot be read (e.g. no PSI in a container). */
export type TextFileReader = (path: string) => Promise<string | null>;

export class CommandFailedError extends Error {
  constructor(
    readonly command: string,
    reason: string,
  ) {
    super(`\`${command}\` failed: ${reason}`);
    this.name = 'CommandFailedError';
  }
}

/**
 * Runs a command and returns its stdout. A non-zero exit with output still counts: `sysctl a b`
 * prints the names it knows and fails on the one it does not (iogpu.* on older macOS).
 */
export function execRunner(timeoutMs = 2000): CommandRunner {
  return (file, args) =>
    new Promise((resolve, reject) => {
      execFile(
        file,
        [...args],
        { timeout: timeoutMs, maxBuffer: 1 << 20, env: { ...process.env, LC_ALL: 'C' } },
        (error, stdout) => {
          if (error && !stdout) reject(new CommandFailedError([file, ...args].join(' '), error.message));
          else resolve(stdout);
        },
      );
    });
}

export const fileReader: TextFileReader = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
};
