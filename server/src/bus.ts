/**
 * A small typed event bus. The engine and the HA client publish; the live event stream, the MQTT
 * bridge and the notifier subscribe. A throwing listener is logged by the caller's `onError`
 * and never stops the others (faults are contained at the edges).
 */
export type EventMap = Record<string, unknown>;

export class Bus<M extends EventMap> {
  private readonly listeners = new Map<keyof M, Set<(payload: never) => void>>();

  constructor(private readonly onError: (error: unknown, event: keyof M) => void = () => {}) {}

  on<K extends keyof M>(event: K, listener: (payload: M[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<K extends keyof M>(event: K, payload: M[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (payload: M[K]) => void)(payload);
      } catch (error) {
        this.onError(error, event);
      }
    }
  }
}
