import { REQUEST_METHODS, type EventName } from './contract.ts';
import { dispatch, type Handlers, type Logger } from './dispatch.ts';
import type { EventHub } from './event-hub.ts';

export const REQUEST_CHANNEL_PREFIX = 'superboard:request:';
export const EVENT_CHANNEL = 'superboard:event';

/** The parts of Electron's ipcMain and its events this transport uses (so it stays testable without Electron). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}
export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}
export interface EventTargetLike {
  isDestroyed(): boolean;
  send(channel: string, message: { name: EventName; payload: unknown }): void;
}

export interface ElectronTransportOptions {
  ipcMain: IpcMainLike;
  handlers: Handlers;
  events: EventHub;
  /** True only for our own renderer's URL; requests from any other frame are refused. */
  isTrustedUrl: (url: string) => boolean;
  targets: () => EventTargetLike[];
  log?: Logger;
}

/** Serves the contract over ipcMain.handle, one channel per method, with a sender check on every call. */
export function registerElectronTransport(options: ElectronTransportOptions): () => void {
  const { ipcMain, handlers, events, isTrustedUrl, log } = options;
  for (const method of REQUEST_METHODS) {
    ipcMain.handle(REQUEST_CHANNEL_PREFIX + method, async (event, ...args) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) {
        log?.(`refused ${method} from untrusted frame ${url || '(none)'}`);
        return {
          ok: false,
          error: { code: 'forbidden', message: 'Requests are accepted only from the app window.' },
        };
      }
      if (args.length > 1) {
        return {
          ok: false,
          error: { code: 'bad-request', message: `Invalid ${method} request: one payload expected.` },
        };
      }
      return dispatch(handlers, method, args[0], { host: 'electron' }, log);
    });
  }
  const unsubscribe = events.subscribe((name, payload) => {
    for (const target of options.targets())
      if (!target.isDestroyed()) target.send(EVENT_CHANNEL, { name, payload });
  });
  return () => {
    unsubscribe();
    for (const method of REQUEST_METHODS) ipcMain.removeHandler(REQUEST_CHANNEL_PREFIX + method);
  };
}
