import type { FrontierBridge } from '../../../../shared/bridge';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '../../../../shared/contract';
import { envelopeSchema, type ApiError } from '../../../../shared/envelope';

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
 * The dashboard's one way to reach a host. In Electron it goes through the preload bridge; in a
 * browser it calls the headless host over HTTP (the token rides in the cookie the URL set).
 */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const spec = channels[channel];
  let raw: unknown;
  if (window.frontierSos) {
    raw = await window.frontierSos.invoke(channel, input);
  } else {
    const init: RequestInit = { method: spec.http.method, credentials: 'same-origin', headers: { 'content-type': 'application/json' } };
    if (spec.http.method !== 'GET') init.body = JSON.stringify(input);
    const response = await fetch(spec.http.path, init);
    raw = await response.json();
  }
  const envelope = envelopeSchema(spec.output).parse(raw);
  if (!envelope.ok) throw new ApiCallError(envelope.error);
  return envelope.data as ChannelOutput<C>;
}
