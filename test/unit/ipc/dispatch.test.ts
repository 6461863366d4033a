import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  machineRequests,
  memoryRequests,
  tapeDeckRequests,
  tapeRequests,
} from '../../../src-main/ipc/contract.ts';
import { dispatch, ServiceError, type Handlers } from '../../../src-main/ipc/dispatch.ts';

const notHere = async (): Promise<never> => {
  throw new ServiceError('unsupported', 'not in this test');
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    // Sections these tests do not exercise answer 'unsupported'.
    ...(Object.fromEntries(
      [
        ...Object.keys(machineRequests),
        ...Object.keys(tapeDeckRequests),
        ...Object.keys(tapeRequests),
        ...Object.keys(memoryRequests),
      ].map((m) => [m, notHere]),
    ) as unknown as Handlers),
    'app.info': async () => ({
      name: 'Superboard Lab',
      version: '1.2.3',
      host: 'browser',
      platform: 'linux',
      arch: 'x64',
      node: '24.0.0',
      electron: null,
      userDataDir: '/tmp/x',
    }),
    'settings.get': async () => DEFAULT_SETTINGS,
    'settings.set': async (patch) => ({
      ...DEFAULT_SETTINGS,
      screen: { ...DEFAULT_SETTINGS.screen, ...patch.screen },
    }),
    'files.openDialog': async () => ({ files: [] }),
    'files.describe': async () => {
      throw new ServiceError('not-found', 'That file is no longer open; open it again.');
    },
    ...overrides,
  };
}

const context = { host: 'browser' } as const;

describe('dispatch', () => {
  it('runs a valid request and returns its value', async () => {
    const result = await dispatch(handlers(), 'settings.set', { screen: { crop: true } }, context);
    expect(result).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, screen: { crop: true, scale: 0 } } });
  });

  it('refuses unknown methods by name', async () => {
    const result = await dispatch(handlers(), 'rm.rf', {}, context);
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown-method', message: "Unknown method 'rm.rf'." },
    });
    const notString = await dispatch(handlers(), { evil: true }, {}, context);
    expect(notString.ok).toBe(false);
    if (!notString.ok) expect(notString.error.message).toBe('Unknown method a object.');
  });

  it('refuses invalid payloads without calling the handler', async () => {
    let called = false;
    const result = await dispatch(
      handlers({
        'settings.set': async () => {
          called = true;
          return DEFAULT_SETTINGS;
        },
      }),
      'settings.set',
      { screen: { scale: 'huge' } },
      context,
    );
    expect(called).toBe(false);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toContain('screen.scale');
    }
  });

  it('passes a service error through with its code and message', async () => {
    const result = await dispatch(handlers(), 'files.describe', { fileId: 'abcdef12-0000' }, context);
    expect(result).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That file is no longer open; open it again.' },
    });
  });

  it('turns an unexpected exception into an internal error and logs it', async () => {
    const logged: string[] = [];
    const result = await dispatch(
      handlers({
        'settings.get': async () => {
          throw new TypeError('boom');
        },
      }),
      'settings.get',
      null,
      context,
      (message) => logged.push(message),
    );
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'settings.get failed: boom' } });
    expect(logged).toEqual(['settings.get failed']);
  });

  it('does not let a handler return data outside the contract', async () => {
    const logged: string[] = [];
    const result = await dispatch(
      handlers({ 'settings.get': async () => ({ nonsense: true }) as never }),
      'settings.get',
      undefined,
      context,
      (message) => logged.push(message),
    );
    expect(result.ok).toBe(false);
    expect(logged[0]).toMatch(/outside the contract/);
  });
});
