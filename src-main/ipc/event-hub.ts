import { validateEvent, type EventName, type EventPayload } from './contract.ts';

export type EventSink = (name: EventName, payload: unknown) => void;

/** Services emit main-to-renderer events here; each transport subscribes a sink. */
export class EventHub {
  readonly #sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    this.#sinks.add(sink);
    return () => this.#sinks.delete(sink);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const checked = validateEvent(name, payload);
    if (!checked.ok) throw new Error(`Event ${name} does not match the contract: ${checked.message}`);
    for (const sink of this.#sinks) sink(name, checked.value);
  }
}
