import { useEffect, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../../shared/contract';
import { call } from '../api/client';

export type Loaded<T> = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; data: T };

/**
 * Reads one channel and reads it again whenever `key` changes (a new swap, a task that moved).
 * The last answer stays on screen while the next one loads, so views do not flicker.
 */
export function useChannel<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C> | null,
  key: unknown,
): Loaded<ChannelOutput<C>> {
  const [result, setResult] = useState<Loaded<ChannelOutput<C>>>({ status: 'loading' });
  const inputKey = JSON.stringify(input);
  useEffect(() => {
    if (inputKey === 'null') return;
    let live = true;
    call(channel, JSON.parse(inputKey) as ChannelInput<C>).then(
      (data) => live && setResult({ status: 'ready', data }),
      (error: unknown) =>
        live && setResult({ status: 'error', error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [channel, inputKey, key]);
  return result;
}
