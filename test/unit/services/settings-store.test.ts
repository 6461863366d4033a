import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/ipc/contract.ts';
import { SettingsStore } from '../../../src-main/services/settings-store.ts';
import { tempDir } from '../../support/temp-dir.ts';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

describe('SettingsStore', () => {
  it('starts from defaults when there is no file', async () => {
    const store = new SettingsStore(dir);
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    expect(store.loadProblem).toBeNull();
  });

  it('persists updates and reads them back in a new store', async () => {
    const store = new SettingsStore(dir);
    await store.load();
    await store.update({ screen: { crop: true }, machine: { ramKb: 32 } });
    const again = new SettingsStore(dir);
    const loaded = await again.load();
    expect(loaded.screen.crop).toBe(true);
    expect(loaded.machine.ramKb).toBe(32);
    expect(loaded.layout).toEqual(DEFAULT_SETTINGS.layout);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('keeps the valid sections of a partly damaged file and sets the damaged file aside', async () => {
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({ screen: { crop: true, scale: 2 }, machine: { ramKb: 999 } }),
    );
    const store = new SettingsStore(dir);
    const loaded = await store.load();
    expect(loaded.screen).toEqual({ crop: true, scale: 2 });
    expect(loaded.machine).toEqual(DEFAULT_SETTINGS.machine);
    expect(store.loadProblem).toMatch(/machine/);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('settings.json.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(dir, aside!), 'utf8')).toContain('999');
  });

  it('survives a file that is not JSON', async () => {
    await writeFile(path.join(dir, 'settings.json'), '{ truncated');
    const store = new SettingsStore(dir);
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    expect(store.loadProblem).toMatch(/not valid JSON/);
  });

  it('serialises concurrent updates so the last one wins on disk', async () => {
    const store = new SettingsStore(dir);
    await store.load();
    await Promise.all([1, 2, 3, 4, 5].map((scale) => store.update({ screen: { scale } })));
    const text = await readFile(path.join(dir, 'settings.json'), 'utf8');
    expect(JSON.parse(text).screen.scale).toBe(5);
  });
});
