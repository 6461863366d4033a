import {
  EVENT_NAMES,
  REQUEST_METHODS,
  type EventName,
  type EventPayload,
  type IpcResult,
  type RequestInput,
  type RequestMethod,
  type RequestOutput,
} from './contract.ts';
import { EVENT_CHANNEL, REQUEST_CHANNEL_PREFIX } from './electron-transport.ts';

/** What the preload exposes on `window.superboard`: named functions only, never ipcRenderer itself. */
export interface PreloadApi {
  requests: { [M in RequestMethod]: (payload?: RequestInput<M>) => Promise<IpcResult<RequestOutput<M>>> };
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

export function createPreloadApi(ipcRenderer: IpcRendererLike): PreloadApi {
  const requests = Object.fromEntries(
    REQUEST_METHODS.map((method) => [
      method,
      (payload?: unknown) => ipcRenderer.invoke(REQUEST_CHANNEL_PREFIX + method, payload ?? null),
    ]),
  ) as PreloadApi['requests'];
  return {
    requests,
    on(name, listener) {
      if (!(EVENT_NAMES as string[]).includes(name)) throw new Error(`Unknown event '${String(name)}'.`);
      const wrapped = (_event: unknown, message: unknown): void => {
        const m = message as { name?: unknown; payload?: unknown } | null;
        if (m?.name === name) listener(m.payload as EventPayload<typeof name>);
      };
      ipcRenderer.on(EVENT_CHANNEL, wrapped);
      return () => void ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    },
  };
}
