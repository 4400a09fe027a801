import { events as eventSchemas, type EventName, type EventPayload } from '../../../../shared/contract';
import { hostToken } from './token';

/** How the live stream is doing: the dashboard says "reconnecting…" instead of going stale. */
export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

type Listener = (payload: unknown) => void;

export interface EventStream {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onStatus(listener: (status: StreamStatus) => void): () => void;
}

/**
 * Small events are checked against the contract. `state.delta` is an AppState (with every task
 * still in play: thousands when a long queue waits): it comes from our own host, and parsing it
 * again on every push would cost more than the frame it has to fit in; `state.get` (on load and on
 * reconnect) is checked in full.
 */
const checked: ReadonlySet<EventName> = new Set(['task.token', 'notice', 'swap.progress', 'locale.changed']);

function validate(event: EventName, payload: unknown): unknown {
  if (!checked.has(event)) return payload;
  const parsed = eventSchemas[event].safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Electron: the preload bridge pushes events over IPC; it has no connection to lose. The host's
 * push pipeline (src/compose/push-pipeline.ts) is the same as behind SSE, so the same events
 * arrive (state.delta, batched tokens) and are handled, and timed, the same way.
 */
function bridgeStream(bridge: NonNullable<Window['frontierSos']>): EventStream {
  return {
    on(event, listener) {
      return bridge.on(event, (payload) => {
        const isState = event === 'state.delta';
        if (isState) markArrival();
        const valid = validate(event, payload);
        if (valid === undefined) return;
        if (isState) markParsed();
        listener(valid as never);
        if (isState) markApplied();
      });
    },
    onStatus(listener) {
      listener('open');
      return () => undefined;
    },
  };
}

const retryMs = 2000;

/**
 * A browser: server-sent events from /api/events. EventSource cannot send headers, so this one
 * request carries the token in its query (same origin, no referrer; never in the address bar).
 * EventSource retries by itself after a dropped connection; when the host refuses it outright
 * (restarted with a new token, say) it gives up, and this starts a new one.
 */
function sseStream(url = `/api/events?token=${encodeURIComponent(hostToken() ?? '')}`): EventStream {
  const listeners = new Map<EventName, Set<Listener>>();
  const statusListeners = new Set<(status: StreamStatus) => void>();
  let status: StreamStatus = 'connecting';
  let source: EventSource | null = null;
  const setStatus = (next: StreamStatus) => {
    if (next === status) return;
    status = next;
    statusListeners.forEach((l) => l(next));
  };
  const attach = (es: EventSource, event: EventName) => {
    es.addEventListener(event, (message) => {
      const isState = event === 'state.delta';
      if (isState) markArrival();
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      const valid = validate(event, payload);
      if (valid === undefined) return;
      if (isState) markParsed();
      listeners.get(event)?.forEach((l) => l(valid));
      if (isState) markApplied();
    });
  };
  const connect = () => {
    const es = new EventSource(url);
    source = es;
    es.onopen = () => setStatus('open');
    es.onerror = () => {
      setStatus('reconnecting');
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        setTimeout(() => {
          if (source === es) connect();
        }, retryMs);
      }
    };
    for (const event of listeners.keys()) attach(es, event);
  };
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        if (source) attach(source, event);
      }
      set.add(listener as Listener);
      if (!source) connect();
      return () => set.delete(listener as Listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
}

let stream: EventStream | null = null;

/** The one event stream of the page, whichever host serves it (the renderer need not know). */
export function eventStream(): EventStream {
  stream ??= window.frontierSos ? bridgeStream(window.frontierSos) : sseStream();
  return stream;
}

/**
 * Update timing for `npm run bench:dashboard`, off unless the page opted in (localStorage
 * `frontier-sos.perf` = "1"). Marks a state push's arrival and the end of its parse; at the next
 * animation frame (React has rendered and committed by then) and just after that frame, measures.
 */
const perfOn = (() => {
  try {
    return globalThis.localStorage?.getItem('frontier-sos.perf') === '1';
  } catch {
    return false;
  }
})();

function markArrival(): void {
  if (perfOn) performance.mark('fsos:arrived');
}

function markParsed(): void {
  if (perfOn) performance.mark('fsos:parsed');
}

function markApplied(): void {
  if (!perfOn) return;
  // React renders a store update in a microtask; one queued after it sees the render committed.
  queueMicrotask(() => queueMicrotask(() => performance.measure('fsos:work', 'fsos:parsed')));
  requestAnimationFrame(() => {
    performance.measure('fsos:parse', 'fsos:arrived', 'fsos:parsed');
    performance.measure('fsos:update', 'fsos:parsed');
    const channel = new MessageChannel();
    channel.port1.onmessage = () => performance.measure('fsos:update.painted', 'fsos:parsed');
    channel.port2.postMessage(null);
  });
}
