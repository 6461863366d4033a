import { describe, expect, it } from 'vitest';
import { REQUEST_METHODS } from '../../../src-main/ipc/contract.ts';
import { EVENT_CHANNEL, REQUEST_CHANNEL_PREFIX } from '../../../src-main/ipc/electron-transport.ts';
import { createPreloadApi, type IpcRendererLike } from '../../../src-main/ipc/preload-api.ts';

type Listener = (event: unknown, message: unknown) => void;

function fakeIpcRenderer() {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const renderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return { ok: true, value: channel };
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (message: unknown): void => listeners.get(EVENT_CHANNEL)?.forEach((l) => l({}, message));
  return { renderer, invoked, listeners, emit };
}

describe('preload API', () => {
  it('exposes one named function per method and nothing like ipcRenderer', () => {
    const api = createPreloadApi(fakeIpcRenderer().renderer);
    expect(Object.keys(api.requests)).toEqual(REQUEST_METHODS);
    expect(Object.keys(api)).toEqual(['requests', 'on']);
  });

  it('invokes the method channel with exactly one payload', async () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.renderer);
    await api.requests['settings.set']({ screen: { crop: true } });
    await api.requests['app.info']();
    expect(fake.invoked).toEqual([
      { channel: `${REQUEST_CHANNEL_PREFIX}settings.set`, args: [{ screen: { crop: true } }] },
      { channel: `${REQUEST_CHANNEL_PREFIX}app.info`, args: [null] },
    ]);
  });

  it('delivers only the subscribed event and unsubscribes', () => {
    const fake = fakeIpcRenderer();
    const api = createPreloadApi(fake.renderer);
    const seen: unknown[] = [];
    const off = api.on('settings.changed', (payload) => seen.push(payload));
    fake.emit({ name: 'settings.changed', payload: 1 });
    fake.emit({ name: 'other', payload: 2 });
    fake.emit(null);
    off();
    fake.emit({ name: 'settings.changed', payload: 3 });
    expect(seen).toEqual([1]);
    expect(fake.listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('refuses to subscribe to an event outside the contract', () => {
    const api = createPreloadApi(fakeIpcRenderer().renderer);
    expect(() => api.on('nope' as 'settings.changed', () => {})).toThrow(/Unknown event 'nope'/);
  });
});
