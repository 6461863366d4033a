import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RomLibrary, type RomChoice } from '../../../src-main/services/rom-library.ts';
import { tempDir } from '../../support/temp-dir.ts';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

const monitor = (fill: number): RomChoice => ({
  monitor: { bytes: new Uint8Array(2048).fill(fill), source: `monitor-${fill}.rom` },
  basic: [],
});
const withBasic = (fill: number): RomChoice => ({
  monitor: null,
  basic: [{ bytes: new Uint8Array(8192).fill(fill), source: 'basic.rom' }],
});

/** A user's own files: a README, a monitor dump of the same size as a ROM, and notes. */
const USER_FILES = { 'README.txt': 'my ROMs\n', 'syn600.rom': 'x'.repeat(2048), 'notes.md': '# notes\n' };

async function writeUserFiles(folder: string): Promise<void> {
  for (const [name, text] of Object.entries(USER_FILES)) await writeFile(path.join(folder, name), text);
}

async function expectUserFiles(folder: string): Promise<void> {
  for (const [name, text] of Object.entries(USER_FILES))
    expect(await readFile(path.join(folder, name), 'utf8')).toBe(text);
}

describe('RomLibrary', () => {
  it('deletes only the copies it made itself when the choice changes, never the user’s files', async () => {
    const library = new RomLibrary(dir);
    await mkdir(library.dir);
    await writeUserFiles(library.dir);
    await library.save(monitor(1));
    const first = (await readdir(library.dir)).filter((f) => /^\d+-0-monitor-1/.test(f));
    expect(first).toHaveLength(1);
    await library.save(withBasic(2));
    await library.save(monitor(3));
    await expectUserFiles(library.dir);
    const own = (await readdir(library.dir)).filter((f) => !(f in USER_FILES));
    expect(own.sort()).toEqual([expect.stringMatching(/^\d+-0-monitor-3\.rom$/), 'roms.json']);
    expect((await new RomLibrary(dir).load()).monitor?.bytes[0]).toBe(3);
  });

  it('leaves a ROM collection behind a symbolic link untouched, deleting nothing through the link', async () => {
    const collection = path.join(dir, 'collection');
    await mkdir(collection);
    await writeUserFiles(collection);
    await symlink(collection, path.join(dir, 'roms'));
    const library = new RomLibrary(dir);
    await library.save(monitor(1));
    await library.save(monitor(2));
    await library.save({ monitor: null, basic: [] });
    await expectUserFiles(collection);
    expect((await lstat(path.join(dir, 'roms'))).isSymbolicLink()).toBe(true);
    expect((await new RomLibrary(dir).load()).monitor).toBeNull();
  });

  it('never deletes a file named in a manifest it did not write in its own naming', async () => {
    const library = new RomLibrary(dir);
    await mkdir(library.dir);
    await writeUserFiles(library.dir);
    await writeFile(
      path.join(library.dir, 'roms.json'),
      JSON.stringify({ monitor: 'syn600.rom', basic: ['../settings.json'] }),
    );
    await writeFile(path.join(dir, 'settings.json'), '{}');
    await library.save(monitor(4));
    await expectUserFiles(library.dir);
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).toBe('{}');
  });

  it('removes the copies of a choice it could not record, keeping the previous choice', async () => {
    const library = new RomLibrary(dir);
    await library.save(monitor(1));
    const before = await readdir(library.dir);
    await mkdir(path.join(library.dir, 'roms.json.tmp'));
    await expect(library.save(monitor(2))).rejects.toThrow();
    expect((await readdir(library.dir)).sort()).toEqual([...before, 'roms.json.tmp'].sort());
    expect((await new RomLibrary(dir).load()).monitor?.bytes[0]).toBe(1);
  });
});
