import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateEvent, type EventName } from '../../src-main/ipc/contract.ts';
import { dispatch } from '../../src-main/ipc/dispatch.ts';
import type { AppServices } from '../../src-main/services/app-services.ts';
import { labMonitorSymbolsLoader } from '../../src-main/services/lab-monitor-rom.ts';
import { WORKER_SOURCE, labMonitor } from '../support/emulator.ts';
import { makeServices } from '../support/services.ts';

let services: AppServices;
let remove: () => Promise<void>;
let events: { name: EventName; payload: unknown; at: number }[];

beforeEach(async () => {
  ({ services, remove } = await makeServices({
    emulator: {
      workerUrl: WORKER_SOURCE,
      labMonitor,
      labMonitorSymbols: labMonitorSymbolsLoader(null, new URL('../../src-main/rom/', import.meta.url)),
    },
  }));
  events = [];
  services.events.subscribe((name, payload) => events.push({ name, payload, at: performance.now() }));
});
afterEach(async () => {
  await services.stop();
  await remove();
});

const call = (method: string, payload: unknown) =>
  dispatch(services.handlers(), method, payload, { host: 'browser' });

describe('the Memory area through the contract and the worker', () => {
  it('streams snapshots that fit the contract at most 30 a second, only while a view is open', async () => {
    const view = { recording: true, heatmap: true, io: true, ranges: [{ start: 0xd000, length: 1024 }] };
    expect(await call('memory.inspect', { view })).toEqual({ ok: true, value: { recording: true } });
    await call('machine.setSpeed', { speed: 'max' });
    await new Promise((r) => setTimeout(r, 1500));
    await call('memory.inspect', { view: null });
    const snapshots = events.filter((e) => e.name === 'memory.snapshot');
    expect(snapshots.length).toBeGreaterThan(5);
    const span = snapshots.at(-1)!.at - snapshots[0]!.at;
    expect(snapshots.length - 1).toBeLessThanOrEqual(Math.ceil((span / 1000) * 30) + 1);
    for (const { payload } of snapshots) expect(validateEvent('memory.snapshot', payload).ok).toBe(true);
    const last = snapshots.at(-1)!.payload as { heat: string; ranges: { bytes: string }[] };
    expect(Buffer.from(last.heat, 'base64')).toHaveLength(3 * 8192);
    expect(Buffer.from(last.ranges[0]!.bytes, 'base64')).toHaveLength(1024);
    const count = events.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(events.slice(count).some((e) => e.name === 'memory.snapshot')).toBe(false);
    const map = await call('memory.accessMap', null);
    const executes = new Uint32Array(
      Buffer.from((map as { value: { executes: string } }).value.executes, 'base64').buffer.slice(0),
    );
    expect(executes).toHaveLength(0x10000);
    expect(executes.slice(0xf800).some((n) => n > 0)).toBe(true);
  });

  it('refuses views that ask too much and bad pokes, in main, with a clear message', async () => {
    const big = {
      recording: false,
      heatmap: false,
      io: false,
      ranges: [
        { start: 0, length: 4096 },
        { start: 0x1000, length: 1 },
      ],
    };
    expect(await call('memory.inspect', { view: big })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/at most 4096 bytes in all/) },
    });
    expect(await call('memory.inspect', { view: { ...big, ranges: [], rate: 60 } })).toMatchObject({
      ok: false,
    });
    expect(await call('memory.poke', { address: 0x10000, value: 1 })).toMatchObject({ ok: false });
    expect(await call('memory.poke', { address: 0x300, value: 256 })).toMatchObject({ ok: false });
  });

  it('keeps user labels per ROM set in the settings, refusing more than the settings file can hold', async () => {
    const labels = { 'abc+no-basic': 'al C:0300 .start\n' };
    expect(await call('settings.set', { memory: { labels } })).toMatchObject({
      ok: true,
      value: { memory: { labels } },
    });
    const huge = { 'abc+no-basic': 'al C:0300 .start\n'.repeat(3000) };
    expect(await call('settings.set', { memory: { labels: huge } })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/at most 40000 characters of labels/) },
    });
    expect(await call('settings.get', null)).toMatchObject({ ok: true, value: { memory: { labels } } });
  });

  it('pokes video RAM, and offers the built-in and Lab Monitor labels for the ROM set', async () => {
    const poked = await call('memory.poke', { address: 0xd000, value: 0x41 });
    expect(poked).toMatchObject({ ok: true, value: { address: 0xd000, after: 0x41 } });
    const labels = (await call('memory.labels', null)) as {
      ok: true;
      value: { romSet: string; builtin: { address: number; name: string }[] };
    };
    expect(labels.ok).toBe(true);
    expect(labels.value.romSet).toMatch(/^[0-9a-f]{40}\+no-basic$/);
    const names = new Map(labels.value.builtin.map((l) => [l.name, l.address]));
    expect(names.get('acia_data')).toBe(0xf001);
    expect(names.get('get_key')).toBeGreaterThanOrEqual(0xf800);
    expect(names.has('TXTTAB')).toBe(false);
  });
});
