// The sound-card commands against a private PulseAudio with null sinks: device names, a tape played and
// recorded back with live decode, clear errors for devices that are not there or that go away mid-recording,
// and a recording killed mid-way recovered on the next start.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeWav, readWav } from '../../src-main/core/formats/wav.ts';
import { AudioService } from '../../src-main/services/audio/audio-service.ts';
import { bytesOf, decodeKcs } from '../../src-main/core/modem/kcs-decoder.ts';
import { encodeKcs } from '../../src-main/core/modem/kcs-encoder.ts';
import { pactl, startTestPulse } from '../support/pulse.ts';
import { tempDir } from '../support/temp-dir.ts';

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');
/** The installed command: the built CLI (npm test builds it first), whose commands load from chunks. */
const BUILT = path.resolve(import.meta.dirname, '../../bin/superboard-lab.js');
const WORKER = new URL('../../src-main/services/audio/audio-worker.ts', import.meta.url);

const pulse = startTestPulse();
if (typeof pulse === 'string') console.warn(`audio-cli tests skipped: ${pulse}`);
afterAll(() => {
  if (typeof pulse !== 'string') pulse.stop();
});

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stderr: () => string;
}

function start(args: string[], entry = CLI): Run {
  const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

async function until(what: string, test: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(typeof pulse === 'string')('the sound-card commands (PulseAudio null sinks)', () => {
  it('lists inputs and outputs by name', async () => {
    const result = await start(['devices', '--json']).done;
    expect(result.code, result.stderr).toBe(0);
    const { inputs, outputs } = JSON.parse(result.stdout) as {
      inputs: { name: string; preferredSampleRate: number }[];
      outputs: { name: string }[];
    };
    expect(outputs.map((d) => d.name)).toEqual(['SBL Default', 'SBL Lab to Board', 'SBL Board to Lab']);
    expect(inputs.map((d) => d.name)).toEqual([
      'Monitor of SBL Default',
      'Monitor of SBL Lab to Board',
      'Monitor of SBL Board to Lab',
    ]);
    expect(inputs[0]!.preferredSampleRate).toBe(44100);
    const text = await start(['devices']).done;
    expect(text.stdout).toMatch(/Inputs:\n {2}Monitor of SBL Default \(default\): 2 channels, 44100 Hz/);
  }, 30_000);

  it('lists them from the installed command too, which finds its audio worker beside the entry module', async () => {
    // Built, the sound commands' modules sit in chunks/ and the worker one folder up; a worker path taken
    // relative to the command's own module failed with "Cannot find module …/chunks/audio-worker.js".
    const result = await start(['devices', '--json'], BUILT).done;
    expect(result.stderr).not.toMatch(/Cannot find module/);
    expect(result.code, result.stderr).toBe(0);
    const { outputs } = JSON.parse(result.stdout) as { outputs: { name: string }[] };
    expect(outputs.map((d) => d.name)).toEqual(['SBL Default', 'SBL Lab to Board', 'SBL Board to Lab']);
  }, 30_000);

  it('leaves no timer running once the audio service is closed, so a command ends with its work', async () => {
    // Only the timers are faked, to count them; the worker and its messages run for real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const service = new AudioService({ workerUrl: WORKER, journalDir: path.join(dir, 'journal') });
      expect((await service.devices()).length).toBeGreaterThan(0);
      await service.close();
      // The shutdown wait's 3 s timer outlived close() and held every sound command open that long.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  }, 30_000);

  it('records what is played, arming on the carrier and printing the decode live', async () => {
    const out = path.join(dir, 'take.wav');
    const record = start([
      'record',
      out,
      '--device',
      'board to lab',
      '--until-silence',
      '0.6',
      '--user-data',
      dir,
    ]);
    await until('the recording to start', () => record.stderr().includes('waiting for a carrier'), 20_000);
    // A recording played as it is (a clean WAV made with our encoder).
    const tape = path.join(dir, 'tape.wav');
    const listing = Uint8Array.from('10 PRINT "CABLE"\r20 END\r', (c) => c.charCodeAt(0));
    const samples = encodeKcs(listing, { sampleRate: 48000, leaderSeconds: 0.5, trailerSeconds: 0.3 });
    await writeFile(tape, encodeWav([samples], { sampleRate: 48000, channels: 1, encoding: 'pcm16' }));
    const play = await start(['play', tape, '--device', 'Board to Lab']).done;
    expect(play.code, play.stderr).toBe(0);
    expect(play.stderr).toContain('the recording as it is at 48000 Hz');
    const result = await record.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('record: carrier found, recording\n10 PRINT "CABLE"\n20 END\n');
    expect(result.stderr).toMatch(/24 bytes decoded, 0 framing errors \(stopped after the silence\)/);
    const wav = readWav(new Uint8Array(await readFile(out)));
    expect(wav.warnings).toEqual([]);
    expect(bytesOf(decodeKcs(wav.channels[0]!, { sampleRate: wav.format.sampleRate }))).toEqual(listing);
  }, 60_000);

  it('names the devices there are when the one asked for is not, and leaves no file behind', async () => {
    const out = path.join(dir, 'none.wav');
    const result = await start(['record', out, '--device', 'Scarlett', '--user-data', dir]).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "no audio input device matches 'Scarlett'; there are 'Monitor of SBL Default'",
    );
    expect(existsSync(out)).toBe(false);
    const play = await start(['play', CLI, '--device', 'SBL']).done;
    expect(play.code).toBe(1);
    expect(play.stderr).toMatch(/'SBL' matches more than one audio output device/);
  }, 30_000);

  it('stops with a clear error when the input goes away mid-recording, keeping what was recorded', async () => {
    const module = pactl(
      'load-module',
      'module-null-sink',
      'sink_name=sbl_vanishing',
      'sink_properties=device.description=SBL-Vanishing',
    );
    const tone = spawn('pacat', [
      '--playback',
      '--device=sbl_vanishing',
      '--format=float32le',
      '--rate=44100',
      '--channels=1',
      '--raw',
    ]);
    tone.on('error', () => {});
    tone.stdin.on('error', () => {});
    const carrier = encodeKcs(new Uint8Array(0), { sampleRate: 44100, leaderSeconds: 20, trailerSeconds: 0 });
    tone.stdin.write(Buffer.from(carrier.buffer));
    try {
      const out = path.join(dir, 'cut.wav');
      const record = start(['record', out, '--device', 'Vanishing', '--user-data', dir]);
      await until('the recording to start', () => record.stderr().includes('Ctrl+C stops'), 20_000);
      // The device goes once a second of audio has reached the disk: a busy machine may be slow to start
      // the stream of a sink made a moment ago.
      await until('a second on disk', () => existsSync(out) && statSync(out).size >= 44 + 2 * 44100, 20_000);
      pactl('unload-module', module);
      const result = await record.done;
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("the input device 'Monitor of SBL-Vanishing' is gone (unplugged?)");
      expect(result.stderr).toContain('what was recorded is kept');
      const wav = readWav(new Uint8Array(await readFile(out)));
      expect(wav.warnings).toEqual([]);
      const seconds = wav.channels[0]!.length / wav.format.sampleRate;
      expect(seconds).toBeGreaterThan(0.5);
      const peak = wav.channels[0]!.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      expect(peak).toBeGreaterThan(0.5);
    } finally {
      tone.kill();
    }
  }, 60_000);

  it('recovers a recording killed mid-way when the next one starts', async () => {
    const out = path.join(dir, 'killed.wav');
    const record = start(['record', out, '--device', 'Monitor of SBL Default', '--user-data', dir]);
    await until('the recording to start', () => record.stderr().includes('Ctrl+C stops'), 20_000);
    // Killed once a second of audio has reached the disk (a busy machine may be slow to start the stream).
    await until('a second on disk', () => existsSync(out) && statSync(out).size >= 44 + 2 * 44100, 20_000);
    record.child.kill('SIGKILL');
    await record.done;
    const next = path.join(dir, 'next.wav');
    const result = await start([
      'record',
      next,
      '--device',
      'Monitor of SBL Default',
      '--seconds',
      '0.2',
      '--user-data',
      dir,
    ]).done;
    expect(result.code, result.stderr).toBe(0);
    const recovered = /recovered an unfinished recording: (.*) \(([\d.]+) s\)/.exec(result.stderr);
    expect(recovered?.[1]).toBe(out);
    expect(Number(recovered?.[2])).toBeGreaterThanOrEqual(1);
    const wav = readWav(new Uint8Array(await readFile(out)));
    expect(wav.warnings).toEqual([]);
    expect(wav.channels[0]!.length / wav.format.sampleRate).toBeCloseTo(Number(recovered?.[2]), 1);
  }, 60_000);
});
