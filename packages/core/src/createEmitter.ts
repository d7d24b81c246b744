/** A tiny typed event bus. Listeners that throw are reported, never propagated. */
export const createEmitter = <Events>(onListenerError: (error: unknown) => void) => {
  const listeners: { [K in keyof Events]?: Array<(payload: Events[K]) => void> } = {};
  return {
    on<K extends keyof Events>(name: K, fn: (payload: Events[K]) => void): () => void {
      (listeners[name] ||= []).push(fn);
      return () => {
        listeners[name] = listeners[name]!.filter((f) => f !== fn);
      };
    },
    emit<K extends keyof Events>(name: K, payload: Events[K]): void {
      for (const fn of listeners[name] ?? []) {
        try {
          fn(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
};
