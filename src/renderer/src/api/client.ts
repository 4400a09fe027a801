import type { FrontierBridge } from '../../../../shared/bridge';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '../../../../shared/contract';
import { envelopeSchema, type ApiError } from '../../../../shared/envelope';
import { hostToken } from './token';

declare global {
  interface Window {
    frontierSos?: FrontierBridge;
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

/**
 * Puts ":id"-style parameters into the path, as the HTTP host reads them, and leaves the rest of
 * the input for the body. GET requests carry no body: their channels take path parameters only.
 */
export function httpRequest(
  path: string,
  input: Record<string, unknown>,
): { path: string; body: Record<string, unknown> } {
  const body = { ...input };
  const filled = path.replace(/:(\w+)/g, (_whole, name: string) => {
    const value = body[name];
    delete body[name];
    return encodeURIComponent(String(value ?? ''));
  });
  return { path: filled, body };
}

/**
 * The dashboard's one way to reach a host. In Electron it goes through the preload bridge; in a
 * browser it calls the headless host over HTTP with its token in the Authorization header.
 */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const spec = channels[channel];
  let raw: unknown;
  if (window.frontierSos) {
    raw = await window.frontierSos.invoke(channel, input);
  } else {
    const { path, body } = httpRequest(spec.http.path, input as Record<string, unknown>);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = hostToken();
    if (token) headers['authorization'] = `Bearer ${token}`;
    const init: RequestInit = { method: spec.http.method, credentials: 'omit', headers };
    if (spec.http.method !== 'GET') init.body = JSON.stringify(body);
    const response = await fetch(path, init);
    raw = await response.json().catch(() => ({
      ok: false,
      error: {
        code: `http_${response.status}`,
        message: `The host answered ${response.status} ${response.statusText} without a JSON body.`,
      },
    }));
  }
  const envelope = envelopeSchema(spec.output).parse(raw);
  if (!envelope.ok) throw new ApiCallError(envelope.error);
  return envelope.data as ChannelOutput<C>;
}
