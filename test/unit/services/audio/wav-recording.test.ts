import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWav } from '../../../../src-main/core/formats/wav.ts';
import { recoverRecordings, WavRecording } from '../../../../src-main/services/audio/wav-recording.ts';
import { tempDir } from '../../../support/temp-dir.ts';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

const ramp = (n: number, from = 0): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => ((from + i) % 200) / 400);

describe('WavRecording', () => {
  it('streams blocks to a WAV whose header is right once finished, and forgets its journal entry', async () => {
    const file = path.join(dir, 'take.wav');
    const journal = path.join(dir, 'journal');
    const recording = await WavRecording.create(file, 8000, journal);
    for (let i = 0; i < 10; i++) recording.write(ramp(1000, i * 1000));
    const done = await recording.finish();
    expect(done).toMatchObject({ frames: 10_000, seconds: 1.25 });
    const wav = readWav(new Uint8Array(await readFile(file)));
    expect(wav.warnings).toEqual([]);
    expect(wav.format.sampleRate).toBe(8000);
    expect(wav.channels[0]).toHaveLength(10_000);
    expect(wav.channels[0]![1234]).toBeCloseTo(ramp(1, 1234)[0]!, 3);
    expect(await recoverRecordings(journal)).toEqual([]);
  });

  it('refuses to replace a file that exists', async () => {
    const file = path.join(dir, 'mine.wav');
    await writeFile(file, 'keep me');
    await expect(WavRecording.create(file, 8000, path.join(dir, 'journal'))).rejects.toThrow(/EEXIST/);
    expect(await readFile(file, 'utf8')).toBe('keep me');
  });

  it('has everything up to the last flush on disk, and the next start repairs a recording left unfinished', async () => {
    const file = path.join(dir, 'crashed.wav');
    const journal = path.join(dir, 'journal');
    const recording = await WavRecording.create(file, 8000, journal);
    // 1.5 s: the first 0.5 s blocks reach the disk as they fill; the rest waits in memory and is lost.
    for (let i = 0; i < 12; i++) recording.write(ramp(1000, i * 1000));
    const onDisk = (await stat(file)).size;
    expect(onDisk).toBeGreaterThanOrEqual(44 + 2 * 8000);
    // An odd byte from a write cut short is dropped.
    await writeFile(file, new Uint8Array(1), { flag: 'a' });
    const recovered = await recoverRecordings(journal);
    expect(recovered).toHaveLength(1);
    expect(recovered[0]!.path).toBe(path.resolve(file));
    const wav = readWav(new Uint8Array(await readFile(file)));
    expect(wav.warnings).toEqual([]);
    expect(wav.channels[0]!.length).toBe((onDisk - 44) / 2);
    expect(wav.channels[0]![4321]).toBeCloseTo(ramp(1, 4321)[0]!, 3);
    expect(recovered[0]!.seconds).toBe((onDisk - 44) / 2 / 8000);
    // Done once: the journal entry is gone.
    expect(await recoverRecordings(journal)).toEqual([]);
  });

  it('leaves a finished file alone even if a journal entry still names it', async () => {
    const file = path.join(dir, 'done.wav');
    const journal = path.join(dir, 'journal');
    const recording = await WavRecording.create(file, 8000, journal);
    recording.write(ramp(800));
    await recording.finish();
    const before = await readFile(file);
    await writeFile(path.join(journal, 'stale.json'), JSON.stringify({ path: file, sampleRate: 8000 }));
    await writeFile(
      path.join(journal, 'gone.json'),
      JSON.stringify({ path: path.join(dir, 'nope.wav'), sampleRate: 8000 }),
    );
    expect(await recoverRecordings(journal)).toEqual([]);
    expect(await readFile(file)).toEqual(before);
    expect(existsSync(path.join(journal, 'stale.json'))).toBe(false);
  });

  it('leaves a recording another running process is still writing to that process, and repairs it once it has gone', async () => {
    const file = path.join(dir, 'live.wav');
    const journal = path.join(dir, 'journal');
    const recording = await WavRecording.create(file, 8000, journal);
    for (let i = 0; i < 12; i++) recording.write(ramp(1000, i * 1000));
    const [entry] = readdirSync(journal);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const noted = JSON.parse(await readFile(path.join(journal, entry!), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(journal, entry!), JSON.stringify({ ...noted, pid: other.pid }));
    const before = await readFile(file);
    try {
      expect(await recoverRecordings(journal)).toEqual([]);
      expect(await readFile(file)).toEqual(before);
      expect(existsSync(path.join(journal, entry!))).toBe(true);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    const recovered = await recoverRecordings(journal);
    expect(recovered.map((r) => r.path)).toEqual([path.resolve(file)]);
    expect(existsSync(path.join(journal, entry!))).toBe(false);
  });
});
