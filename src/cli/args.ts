import { parseArgs } from 'node:util';
import { CliError } from './io';

type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
type FlagValue<F extends FlagSpec[string]> = F['type'] extends 'string'
  ? F['multiple'] extends true
    ? string[]
    : string
  : boolean;
export type FlagValues<O extends FlagSpec> = { [K in keyof O]?: FlagValue<O[K]> } & { help?: boolean };

/** parseArgs in strict mode, with its errors turned into messages that name the command's help. */
export function parseFlags<const O extends FlagSpec>(
  command: string,
  args: string[],
  options: O,
): { values: FlagValues<O> } {
  try {
    const { values } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    return { values: values as FlagValues<O> };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : String(error);
    throw new CliError(`frontier-sos ${command}: ${message}. See \`frontier-sos ${command} --help\`.`);
  }
}

export function parsePort(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`frontier-sos ${command}: --port must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
}
