import { channels, type ChannelName, type ContractHandlers, type HandlerMap } from './contract';
import { fail, ok, type Envelope } from './envelope';

/** A failure a handler raises on purpose, with a code the client can act on. */
export class ContractError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

/**
 * Validates the input with the channel's schema, runs the handler and wraps the answer in the
 * envelope. Every host (IPC, HTTP) calls this, so validation and error shape cannot drift apart.
 * Hosts register every channel (`ContractHandlers`, checked where they register); the engine's
 * handlers alone (tests, scripts) answer a host's own channel as unknown here.
 */
export async function dispatch(
  handlers: HandlerMap & Partial<ContractHandlers>,
  name: string,
  rawInput: unknown,
): Promise<Envelope<unknown>> {
  if (!isChannelName(name)) {
    return fail('unknown_channel', `There is no channel named "${name}".`);
  }
  const handler = (handlers as Partial<ContractHandlers>)[name] as ((input: unknown) => Promise<unknown>) | undefined;
  if (!handler) return fail('unknown_channel', `This host does not serve "${name}".`);
  const channel = channels[name];
  const parsed = channel.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    return fail('invalid_input', `The input for "${name}" is not valid: ${details}.`);
  }
  try {
    // The schema above matched this channel, so its parsed input is the handler's input.
    const data = await handler(parsed.data);
    return ok(channel.output.parse(data));
  } catch (error) {
    if (error instanceof ContractError) return fail(error.code, error.message);
    const message = error instanceof Error ? error.message : String(error);
    return fail('internal', `"${name}" failed: ${message}`);
  }
}
