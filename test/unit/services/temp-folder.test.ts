import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeKcs } from '../../../src-main/core/modem/kcs-encoder.ts';
import { EventHub } from '../../../src-main/ipc/event-hub.ts';
import { FileRegistry, MAX_KEPT_UPLOADS } from '../../../src-main/services/file-registry.ts';
import { TempFolder } from '../../../src-main/services/temp-folder.ts';
import { TapeService } from '../../../src-main/services/tapes/tape-service.ts';
import { REPO } from '../../support/web-host-process.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { wavBytes } from '../../support/wav-writer.ts';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

const UUID = '0b9c6e1e-4a43-4d3e-9a57-3c1f2b9e8d10';

describe('TempFolder', () => {
  it('makes, records and removes its own files, and removes its session folder on close', async () => {
    const temp = new TempFolder(dir);
    expect(await temp.open()).toBe(0);
    const file = temp.file('upload', 'a.wav');
    expect(path.dirname(file)).toBe(temp.dir);
    expect(path.basename(file)).toMatch(/^upload-[0-9a-f-]{36}-a\.wav$/);
    await writeFile(file, 'x');
    const stranger = path.join(temp.dir, 'mine.txt');
    await writeFile(stranger, 'keep');
    await temp.remove(stranger);
    await temp.remove(file);
    expect(await readdir(temp.dir)).toEqual(['mine.txt']);
    await writeFile(temp.file('export'), 'y');
    const session = temp.dir;
    await temp.close();
    expect(await readdir(session)).toEqual(['mine.txt']);
  });

  it('sweeps only its own files from sessions whose process is gone', async () => {
    const root = path.join(dir, 'temp');
    const dead = path.join(root, `session-${deadPid()}-0000abcd`);
    const live = path.join(root, `session-${process.ppid}-0000abcd`);
    const emptied = path.join(root, `session-${deadPid()}-1111abcd`);
    const elsewhere = path.join(dir, 'precious');
    for (const d of [dead, live, emptied, elsewhere]) await mkdir(d, { recursive: true });
    await writeFile(path.join(elsewhere, `upload-${UUID}-a.wav`), 'precious');
    await writeFile(path.join(dead, `upload-${UUID}-a.wav`), 'partial upload');
    await writeFile(path.join(dead, `spill-${UUID}-s16`), 'spill');
    await writeFile(path.join(dead, `recording-${UUID}-superboard-2026-01-02T03-04-05.wav`), 'never kept');
    await writeFile(path.join(dead, 'notes.txt'), 'not ours');
    await symlink(path.join(elsewhere, `upload-${UUID}-a.wav`), path.join(dead, `export-${UUID}`));
    await writeFile(path.join(live, `upload-${UUID}`), 'in use');
    await writeFile(path.join(emptied, `settings-${UUID}-json`), '{}');
    await writeFile(path.join(root, `upload-${UUID}`), 'not in a session');

    const temp = new TempFolder(dir);
    expect(await temp.open()).toBe(4);
    expect((await readdir(dead)).sort()).toEqual([`export-${UUID}`, 'notes.txt']);
    expect(await readFile(path.join(elsewhere, `upload-${UUID}-a.wav`), 'utf8')).toBe('precious');
    expect(await readdir(live)).toEqual([`upload-${UUID}`]);
    expect((await readdir(root)).sort()).toEqual(
      [path.basename(dead), path.basename(live), path.basename(temp.dir), `upload-${UUID}`].sort(),
    );
    await temp.close();
  });

  it('sweeps a session of its own process id left by an earlier run, but never one it has open', async () => {
    const first = new TempFolder(dir);
    await first.open();
    await writeFile(first.file('upload'), 'in use');
    const earlier = path.join(first.root, `session-${process.pid}-0000abcd`);
    await mkdir(earlier);
    await writeFile(path.join(earlier, `spill-${UUID}`), 'left by a killed run');
    const second = new TempFolder(dir);
    expect(await second.open()).toBe(1);
    expect(await readdir(first.dir)).toHaveLength(1);
    await second.close();
    await first.close();
    expect(await readdir(first.root)).toEqual([]);
  });

  it('refuses a temp folder that is a symbolic link and deletes nothing behind it', async () => {
    const target = path.join(dir, 'elsewhere');
    const session = path.join(target, `session-${deadPid()}-0000abcd`);
    await mkdir(session, { recursive: true });
    await writeFile(path.join(session, `upload-${UUID}`), 'keep');
    await symlink(target, path.join(dir, 'temp'));
    await expect(new TempFolder(dir).open()).rejects.toThrow(/not a folder.*symbolic link/);
    expect(await readdir(session)).toEqual([`upload-${UUID}`]);
  });

  it('sweeps what earlier versions left in uploads/, exports/ and beside the settings, and only that', async () => {
    const uploads = path.join(dir, 'uploads');
    const exports = path.join(dir, 'exports');
    const recordings = path.join(dir, 'recordings');
    const precious = path.join(dir, 'precious.wav');
    for (const d of [uploads, path.join(uploads, `${UUID}-folder`), exports, recordings]) await mkdir(d);
    await writeFile(precious, 'the only copy');
    await writeFile(path.join(uploads, `${UUID}-tape one (2).wav`), 'an old upload');
    await writeFile(path.join(uploads, `${UUID}-upload`), 'an old upload');
    await writeFile(path.join(uploads, 'my tape.wav'), 'put here by the user');
    await writeFile(path.join(uploads, `${UUID.toUpperCase()}-a.wav`), 'not named as the app names');
    await symlink(precious, path.join(uploads, `${UUID}-link.wav`));
    await writeFile(path.join(exports, `${UUID}-hello.bas.txt`), 'an old export');
    await writeFile(path.join(dir, `settings.json.${deadPid()}.tmp`), '{"half":');
    await writeFile(path.join(dir, `settings.json.${process.ppid}.tmp`), 'a running app is writing it');
    await writeFile(path.join(dir, 'settings.json.tmp'), 'the user’s');
    await writeFile(path.join(recordings, 'superboard-2026-01-02T03-04-05.wav'), 'recorded earlier');

    const temp = new TempFolder(dir);
    expect(await temp.open()).toBe(4);
    expect((await readdir(uploads)).sort()).toEqual(
      [`${UUID}-folder`, `${UUID}-link.wav`, `${UUID.toUpperCase()}-a.wav`, 'my tape.wav'].sort(),
    );
    expect(await readFile(precious, 'utf8')).toBe('the only copy');
    expect((await readdir(dir)).sort()).toEqual(
      [
        'precious.wav',
        'recordings',
        `settings.json.${process.ppid}.tmp`,
        'settings.json.tmp',
        'temp',
        'uploads',
      ].sort(),
    );
    expect(await readdir(recordings)).toEqual(['superboard-2026-01-02T03-04-05.wav']);
    await temp.close();
  });

  it('leaves an uploads/ that is a symbolic link, and what is behind it, alone, and an empty exports/', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    await mkdir(elsewhere);
    await mkdir(path.join(dir, 'exports'));
    await writeFile(path.join(elsewhere, `${UUID}-a.wav`), 'keep');
    await symlink(elsewhere, path.join(dir, 'uploads'));
    const temp = new TempFolder(dir);
    expect(await temp.open()).toBe(0);
    expect(await readdir(elsewhere)).toEqual([`${UUID}-a.wav`]);
    expect((await readdir(dir)).sort()).toEqual(['elsewhere', 'exports', 'temp', 'uploads']);
    await temp.close();
  });
});

describe('uploads, spills and exports live in the temporary folder', () => {
  let temp: TempFolder;
  let files: FileRegistry;
  beforeEach(async () => {
    temp = new TempFolder(dir);
    await temp.open();
    files = new FileRegistry(temp);
  });
  afterEach(() => temp.close());

  const upload = (name: string, text = 'bytes') => files.storeUpload(name, Readable.from([text]), 1000);

  it(`keeps ${MAX_KEPT_UPLOADS} uploads, deleting the oldest that no open tape uses`, async () => {
    const first = await upload('first.wav');
    const held = await upload('held.wav');
    files.hold(held.fileId);
    for (let i = 0; i < MAX_KEPT_UPLOADS; i++) await upload(`n${i}.wav`);
    expect(() => files.get(first.fileId)).toThrow(/no longer open/);
    expect(await readFile(files.get(held.fileId).path, 'utf8')).toBe('bytes');
    expect(await readdir(temp.dir)).toHaveLength(MAX_KEPT_UPLOADS);
    files.release(held.fileId);
    await upload('last.wav');
    expect(() => files.get(held.fileId)).toThrow(/no longer open/);
    expect(await readdir(temp.dir)).toHaveLength(MAX_KEPT_UPLOADS);
  });

  it('deletes a failed upload', async () => {
    await expect(files.storeUpload('big.wav', Readable.from(['x'.repeat(2000)]), 1000)).rejects.toThrow(
      /larger than/,
    );
    expect(await readdir(temp.dir)).toEqual([]);
  });

  it('deletes a tape’s spill files when it closes and an export a while after its download', async () => {
    const tapes = new TapeService({
      files,
      events: new EventHub(),
      temp,
      workerUrl: pathToFileURL(path.join(REPO, 'src-main/services/tapes/tape-worker.ts')),
      exportLifetimeMs: { unclaimed: 60_000, afterDownload: 50 },
    });
    const flac = await files.register(path.join(REPO, 'test/fixtures/audio/kcs-tones-stereo.flac'));
    const info = await tapes.open(flac.fileId);
    expect((await readdir(temp.dir)).filter((f) => f.startsWith('spill-')).length).toBeGreaterThan(0);
    await tapes.close(info.tapeId);
    expect(await readdir(temp.dir)).toEqual([]);

    const wavFile = path.join(dir, 'tape.wav');
    await writeFile(
      wavFile,
      wavBytes(
        encodeKcs(new Uint8Array([1, 2, 3]), { sampleRate: 22050, leaderSeconds: 0.5, trailerSeconds: 0.2 }),
        22050,
      ),
    );
    const wav = await tapes.open((await files.register(wavFile)).fileId);
    while (
      (await tapes.handlers()['tape.info']({ tapeId: wav.tapeId }, { host: 'browser' })).state !== 'done'
    )
      await new Promise((r) => setTimeout(r, 20));
    const handlers = tapes.handlers();
    const first = await handlers['tape.export']({ tapeId: wav.tapeId, kind: 'bytes' }, { host: 'browser' });
    const second = await handlers['tape.export']({ tapeId: wav.tapeId, kind: 'text' }, { host: 'browser' });
    expect(await readdir(temp.dir)).toHaveLength(2);
    const ended = tapes.beginDownload(first.download!.fileId);
    await new Promise((r) => setTimeout(r, 150));
    expect(await readdir(temp.dir)).toHaveLength(2);
    ended();
    await new Promise((r) => setTimeout(r, 150));
    expect(tapes.exportFile(first.download!.fileId)).toBeNull();
    expect(await readdir(temp.dir)).toEqual([expect.stringMatching(/^export-.*\.txt$/)]);
    await tapes.stop();
    expect(tapes.exportFile(second.download!.fileId)).toBeNull();
    expect(await readdir(temp.dir)).toEqual([]);
  });
});
