import { spawnSync } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsPatchSchema } from '../../../src-main/ipc/contract.ts';
import { SettingsStore } from '../../../src-main/services/settings-store.ts';
import { TempFolder } from '../../../src-main/services/temp-folder.ts';
import { tempDir } from '../../support/temp-dir.ts';

let dir: string;
let remove: () => Promise<void>;
let temp: TempFolder;
beforeEach(async () => {
  ({ dir, remove } = await tempDir());
  temp = new TempFolder(dir);
  await temp.open();
});
afterEach(async () => {
  await temp.close();
  await remove();
});

const settingsFile = (): string => path.join(dir, 'settings.json');
const newStore = (): SettingsStore => new SettingsStore(dir, temp);

describe('SettingsStore', () => {
  it('starts from defaults when there is no file', async () => {
    const store = newStore();
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    expect(store.loadProblem).toBeNull();
  });

  it('persists updates and reads them back in a new store', async () => {
    const store = newStore();
    await store.load();
    await store.update({ screen: { crop: true }, machine: { ramKb: 32 } });
    const again = newStore();
    const loaded = await again.load();
    expect(loaded.screen.crop).toBe(true);
    expect(loaded.machine.ramKb).toBe(32);
    expect(loaded.layout).toEqual(DEFAULT_SETTINGS.layout);
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'temp']);
    expect(await readdir(temp.dir)).toEqual([]);
  });

  it('keeps the valid sections of a partly damaged file and sets the damaged file aside', async () => {
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({ screen: { crop: true, scale: 2 }, machine: { ramKb: 999 } }),
    );
    const store = newStore();
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
    const store = newStore();
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    expect(store.loadProblem).toMatch(/not valid JSON/);
  });

  it('serialises concurrent updates so the last one wins on disk', async () => {
    const store = newStore();
    await store.load();
    await Promise.all([1, 2, 3, 4, 5].map((scale) => store.update({ screen: { scale } })));
    const text = await readFile(path.join(dir, 'settings.json'), 'utf8');
    expect(JSON.parse(text).screen.scale).toBe(5);
  });

  it('keeps the settings in memory unchanged when the file cannot be written', async () => {
    const settings = newStore();
    await settings.load();
    await settings.update({ screen: { scale: 2 } });
    // A folder where the settings file should be: the write fails, as on a read-only or full disk.
    await rm(settingsFile());
    await mkdir(settingsFile());
    await expect(settings.update({ screen: { scale: 5 }, machine: { ramKb: 32 } })).rejects.toThrow(
      /settings/i,
    );
    expect(settings.get().screen.scale).toBe(2);
    expect(settings.get().machine.ramKb).toBe(DEFAULT_SETTINGS.machine.ramKb);
    expect(await readdir(temp.dir)).toEqual([]);
  });

  it('applies concurrent updates of different sections one after the other', async () => {
    const settings = newStore();
    await settings.load();
    await Promise.all([
      settings.update({ screen: { crop: true } }),
      settings.update({ machine: { ramKb: 16 } }),
    ]);
    const loaded = await newStore().load();
    expect(loaded.screen.crop).toBe(true);
    expect(loaded.machine.ramKb).toBe(16);
  });

  it.each([
    ['[]', 'not an object'],
    ['null', 'not an object'],
    ['{"screen": null}', 'screen'],
    ['{"layout": [0.3]}', 'layout'],
  ])('treats %s like any other damaged file', async (text, problem) => {
    await writeFile(settingsFile(), text);
    const settings = newStore();
    expect(await settings.load()).toEqual(DEFAULT_SETTINGS);
    expect(settings.loadProblem).toContain(problem);
    const aside = (await readdir(dir)).find((f) => f.startsWith('settings.json.damaged-'));
    expect(await readFile(path.join(dir, aside!), 'utf8')).toBe(text);
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a FIFO at settings.json without waiting on it or touching it, and saves nothing over it',
    async () => {
      expect(spawnSync('mkfifo', [settingsFile()]).status).toBe(0);
      const settings = newStore();
      expect(await settings.load()).toEqual(DEFAULT_SETTINGS);
      expect(settings.loadProblem).toMatch(/not a regular file/);
      await expect(settings.update({ screen: { crop: true } })).rejects.toThrow(/not a regular file/);
      expect(settings.get().screen.crop).toBe(false);
      expect((await lstat(settingsFile())).isFIFO()).toBe(true);
      expect(await readdir(dir)).not.toContainEqual(expect.stringMatching(/damaged/));
    },
  );

  it('sets a file far larger than any settings file aside without reading it all', async () => {
    await writeFile(settingsFile(), `{"screen":{"crop":true},"x":"${'x'.repeat(3_000_000)}"}`);
    const settings = newStore();
    expect(await settings.load()).toEqual(DEFAULT_SETTINGS);
    expect(settings.loadProblem).toMatch(/larger than/);
    expect((await readdir(dir)).some((f) => f.startsWith('settings.json.damaged-'))).toBe(true);
  });

  it('drops the unused machine.romDir of older files quietly and refuses it in a change', async () => {
    await writeFile(settingsFile(), JSON.stringify({ machine: { ramKb: 16, romDir: '/roms' } }));
    const settings = newStore();
    expect((await settings.load()).machine).toEqual({ ramKb: 16 });
    expect(settings.loadProblem).toBeNull();
    expect(v.safeParse(SettingsPatchSchema, { machine: { romDir: 'x'.repeat(3_000_000) } }).success).toBe(
      false,
    );
    await settings.update({ screen: { crop: true } });
    expect(JSON.parse(await readFile(settingsFile(), 'utf8')).machine).toEqual({ ramKb: 16 });
  });
});
