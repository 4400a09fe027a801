/** A small typed event bus: the dashboard, tray and notifications all listen to the core here. */
export type Listener<T> = (payload: T) => void;

export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** `onListenerError` hears of a listener that threw: the others still run, and the failure is said. */
  constructor(private readonly onListenerError: (event: keyof Events, error: unknown) => void) {}

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      // A failing listener must not break the core or the other listeners.
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
  }
}
