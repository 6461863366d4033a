import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EVENT_CHANNEL,
  REQUEST_CHANNEL_PREFIX,
  registerElectronTransport,
  type EventTargetLike,
  type IpcInvokeEventLike,
  type IpcMainLike,
} from '../../../src-main/ipc/electron-transport.ts';
import { REQUEST_METHODS } from '../../../src-main/ipc/contract.ts';
import { makeServices } from '../../support/services.ts';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, url: string | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener({ senderFrame: url === null ? null : { url } }, ...args);
  }
}

const APP_URL = 'superboard://app/index.html';
let ipcMain: FakeIpcMain;
let sent: { channel: string; message: unknown }[];
let unregister: () => void;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const made = await makeServices();
  ipcMain = new FakeIpcMain();
  sent = [];
  const target: EventTargetLike = {
    isDestroyed: () => false,
    send: (channel, message) => sent.push({ channel, message }),
  };
  unregister = registerElectronTransport({
    ipcMain,
    handlers: made.services.handlers(),
    events: made.services.events,
    isTrustedUrl: (url) => url.startsWith('superboard://app/'),
    targets: () => [target],
  });
  cleanup = made.remove;
});
afterEach(() => cleanup());

describe('Electron transport', () => {
  it('registers one channel per contract method and removes them again', () => {
    expect([...ipcMain.handlers.keys()]).toEqual(REQUEST_METHODS.map((m) => REQUEST_CHANNEL_PREFIX + m));
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('serves requests from the app window', async () => {
    const result = await ipcMain.invoke(`${REQUEST_CHANNEL_PREFIX}settings.get`, APP_URL, null);
    expect(result).toMatchObject({ ok: true, value: { machine: { ramKb: 8 } } });
  });

  it('refuses requests from any other frame', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', '', null]) {
      const result = await ipcMain.invoke(`${REQUEST_CHANNEL_PREFIX}settings.get`, url, null);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('answers invalid payloads with an error instead of throwing', async () => {
    const bad = await ipcMain.invoke(`${REQUEST_CHANNEL_PREFIX}settings.set`, APP_URL, {
      layout: { rowSplit: 7 },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const extra = await ipcMain.invoke(`${REQUEST_CHANNEL_PREFIX}settings.get`, APP_URL, null, 'more');
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const dialog = await ipcMain.invoke(`${REQUEST_CHANNEL_PREFIX}files.openDialog`, APP_URL, {
      purpose: 'tape',
    });
    expect(dialog).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('sends events to the windows', async () => {
    await ipcMain.invoke(`${REQUEST_CHANNEL_PREFIX}settings.set`, APP_URL, { screen: { scale: 3 } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      channel: EVENT_CHANNEL,
      message: { name: 'settings.changed', payload: { screen: { scale: 3 } } },
    });
  });
});
