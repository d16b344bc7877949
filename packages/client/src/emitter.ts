/** A tiny typed event emitter: `on` returns the function that unsubscribes. */
export class Emitter<Events extends { [K in keyof Events]: (...args: never[]) => void }> {
  readonly #listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<K extends keyof Events>(type: K, listener: Events[K]): () => void {
    let set = this.#listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => {
      this.#listeners.get(type)?.delete(listener);
    };
  }

  /** Calls every listener of `type`; a listener that throws is reported to `onFailure`, never to the caller. */
  emit<K extends keyof Events>(
    type: K,
    args: Parameters<Events[K]>,
    onFailure: (error: unknown) => void,
  ): void {
    const set = this.#listeners.get(type);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as (...a: Parameters<Events[K]>) => void)(...args);
      } catch (error) {
        onFailure(error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
