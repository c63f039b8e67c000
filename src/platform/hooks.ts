import type { Tx } from '../db/database.ts';

/**
 * A typed in-process hook: one module announces that something happened, other modules that subscribed at start-up
 * react to it **inside the same transaction** (the `tx` of the announcing command's `db.audited` unit of work).
 * So the announcement and every reaction commit together or not at all: a crash, or a listener that throws, leaves
 * neither behind. This is how a module learns of another's events without importing its internals (the announcing
 * module exports only the `subscribe` function and the event type from its `index.ts`).
 *
 * A listener returns what it changed (e.g. `signal_case:<id>`), which the announcing command records in its audit
 * line, so the one audit line of the transaction names everything the transaction did; a listener that changes nothing
 * may return nothing.
 */
export type HookListener<E> = ((tx: Tx, event: E) => Promise<readonly string[]>) | ((tx: Tx, event: E) => Promise<void>);

export interface Hook<E> {
  /** Registers a listener under a name; registering the same name again replaces it (a module loaded twice). */
  subscribe(name: string, listener: HookListener<E>): void;
  /** Runs every listener in order of subscription, in the caller's transaction; returns what they changed. */
  run(tx: Tx, event: E): Promise<string[]>;
  /** The names subscribed (for tests and docs). */
  subscribers(): string[];
}

export function createHook<E>(): Hook<E> {
  const listeners = new Map<string, HookListener<E>>();
  return {
    subscribe(name, listener) {
      listeners.set(name, listener);
    },
    async run(tx, event) {
      const changed: string[] = [];
      for (const listener of listeners.values()) changed.push(...((await listener(tx, event)) ?? []));
      return changed;
    },
    subscribers: () => [...listeners.keys()],
  };
}
